package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending promotions, what an environment lacks, and issue keys. */
class ReadModelTest {
    @TempDir
    Path root;

    @Test
    void shouldListAReleaseThatPassedAndIsNotYetInTheNextEnvironment() {
        try (Ledger ledger = Ledger.open(root, "shop").setEnvironmentOrder(List.of("dev", "staging", "production"))) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.deploy("dev", "d1", "1.1.0", "c110");
            events.check("dev", "1.1.0", true);
            events.deploy("staging", "d2", "1.0.0", "c100");
            events.deploy("production", "d3", "1.0.0", "c100");

            assertThat(normalized(ledger.view().state().get("pendingPromotion"))).isEqualTo(Json.parse("""
                    [{"version": "1.1.0", "from": "dev", "to": "staging"}]"""));

            events.check("staging", "1.0.0", false);
            events.deploy("staging", "d4", "1.1.0", "c110");
            assertThat(normalized(ledger.view().state().get("pendingPromotion"))).isEqualTo(Json.parse("""
                    [{"version": "1.1.0", "from": "staging", "to": "production"}]"""));

            events.check("staging", "1.1.0", false);
            assertThat((List<?>) ledger.view().state().get("pendingPromotion")).isEmpty();

            events.check("staging", "1.1.0", true);
            events.markBad("1.1.0", "leaks memory");
            assertThat((List<?>) ledger.view().state().get("pendingPromotion")).isEmpty();
        }
    }

    @Test
    void shouldForgetTheBadMarkOnceItIsCleared() {
        try (Ledger ledger = Ledger.open(root, "shop").setEnvironmentOrder(List.of("staging", "production"))) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.deploy("staging", "d1", "1.1.0", "c110");
            events.check("staging", "1.1.0", true);
            events.markBad("1.1.0", "leaks memory");
            assertThat((List<?>) ledger.view().state().get("badReleases")).hasSize(1);
            assertThat((List<?>) ledger.view().state().get("pendingPromotion")).isEmpty();

            events.append(EventTypes.RELEASE_BAD_CLEARED, null, Map.of("version", "1.1.0", "reason", "false alarm"));

            assertThat((List<?>) ledger.view().state().get("badReleases")).isEmpty();
            assertThat(normalized(ledger.view().state().get("pendingPromotion"))).isEqualTo(Json.parse("""
                    [{"version": "1.1.0", "from": "staging", "to": "production"}]"""));
            Map<?, ?> newest = (Map<?, ?>) ((List<?>) ledger.view().history(null, 0, 1).get("entries")).get(0);
            assertThat(newest.get("type")).isEqualTo(EventTypes.RELEASE_BAD_CLEARED);
            assertThat(newest.get("bad")).isEqualTo(false);
        }
    }

    @Test
    void shouldNotProposeToPromoteAnOlderReleaseOverANewerOne() {
        try (Ledger ledger = Ledger.open(root, "shop").setEnvironmentOrder(List.of("staging", "production"))) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.deploy("staging", "d1", "1.0.0", "c100");
            events.deploy("production", "d2", "1.0.1", "c101");

            assertThat((List<?>) ledger.view().state().get("pendingPromotion")).isEmpty();
        }
    }

    @Test
    void shouldCountEveryCommitOfALongReleaseAsLackingAlsoAfterACheckpoint() {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.deploy("staging", "d1", "1.0.0", "c100");
            events.tag("1.1.0", "1.0.0", "c110", "a1", "fix: one");
            data.putAll(Map.of("version", "2.0.0", "tag", "v2.0.0", "commit", "c200", "previousVersion", "1.1.0",
                    "commits", List.of(Map.of("id", "a3", "subject", "feat: newest"),
                            Map.of("id", "a2", "subject", "feat: listed")),
                    "commitCount", 12_345, "omittedCommitTimes", List.of(1_700_000_000L)));
            events.append(EventTypes.VERSION_TAGGED, null, data);

            assertThat(lacking(ledger)).containsEntry("commitCount", 12_346L);
        }
        io.releaseledger.report.Messages notes = new io.releaseledger.report.Messages();
        try (Ledger reopened = Ledger.open(root, "shop", notes)) {
            assertThat(lacking(reopened)).containsEntry("commitCount", 12_346L);
            assertThat((List<?>) lacking(reopened).get("commits")).hasSize(3);
        }
        assertThat(notes.getAll()).as("read from the checkpoint, not rebuilt").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lacking(final Ledger ledger) {
        Map<?, ?> staging = (Map<?, ?>) ((List<?>) ledger.view().state().get("environments")).get(0);
        return (Map<String, Object>) staging.get("lacking");
    }

    @Test
    void shouldListEveryTaggedReleaseAsLackingWhereNothingRunsYet() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.tag("1.0.0", null, "c100", "a1", "feat: first (#1)");
            events.tag("2.0.0-rc.1", "1.0.0", "c200", "a2", "feat!: new API PAY-9");
            events.tag("not-semver", null, "c000");
            events.started("staging", "d1", "1.0.0", "c100");

            Map<?, ?> staging = (Map<?, ?>) ((List<?>) ledger.view().state().get("environments")).get(0);

            assertThat(staging.get("current")).isNull();
            assertThat(normalized(staging.get("lacking"))).isEqualTo(Json.parse("""
                    {"releases": [{"version": "2.0.0-rc.1", "tag": "v2.0.0-rc.1", "taggedAt": "2026-11-22T10:01:00Z"},
                                  {"version": "1.0.0", "tag": "v1.0.0", "taggedAt": "2026-11-22T10:00:00Z"}],
                     "commits": [{"id": "a2", "subject": "feat!: new API PAY-9", "url": "https://git.example/shop/commit/a2", "version": "2.0.0-rc.1"},
                                 {"id": "a1", "subject": "feat: first (#1)", "url": "https://git.example/shop/commit/a1", "version": "1.0.0"}],
                     "commitCount": 2, "issues": ["PAY-9", "#1"], "known": true}"""));
        }
    }

    @Test
    void shouldLackNothingWhenTheNewestReleaseRuns() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.tag("1.0.0", null, "c100", "a1", "feat: first");
            events.deploy("staging", "d1", "1.0.0", "c100");

            Map<?, ?> staging = (Map<?, ?>) ((List<?>) ledger.view().state().get("environments")).get(0);

            assertThat(normalized(staging.get("lacking"))).isEqualTo(Json.parse("""
                    {"releases": [], "commits": [], "commitCount": 0, "issues": [], "known": true}"""));
        }
    }

    @Test
    void shouldFindIssueKeysOnlyWhereTheyStandAlone() {
        Set<String> keys = new LinkedHashSet<>();
        for (String subject : List.of("fix: ABC-42 and #123", "feat: #123 again, see PROJ2-7.", "chore: UTF-8, SHA-256",
                "docs: abc-1 a#5 X-1-2 issue#9", "fix(CORE-1): B-2")) {
            IssueKeys.collect(subject, keys);
        }
        assertThat(new ArrayList<>(keys)).containsExactly("ABC-42", "#123", "PROJ2-7", "CORE-1", "B-2");
    }

    @Test
    void shouldEncodeApplicationNamesSafelyAndListThem() {
        assertThat(ApplicationNames.encode("shop/main")).isEqualTo("shop%2Fmain");
        assertThat(ApplicationNames.encode("..")).isEqualTo("%2E%2E");
        assertThat(ApplicationNames.encode("a b.c_d-e")).isEqualTo("a%20b.c_d-e");
        assertThat(ApplicationNames.encode("café")).isEqualTo("caf%C3%A9");
        assertThat(ApplicationNames.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(ApplicationNames.decode("caf%c3%a9")).isNull();
        assertThat(ApplicationNames.decode("..")).isNull();

        for (String application : List.of("shop/main", "..", "café")) {
            Ledger.open(root, application).close();
        }
        assertThat(root.resolve("shop%2Fmain")).isDirectory();
        assertThat(Ledger.applications(root)).containsExactly("..", "café", "shop/main");
    }
}
