package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BOB;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static io.releaseledger.ledger.LedgerFixture.BUILD_213;
import static io.releaseledger.ledger.LedgerFixture.CLI;
import static io.releaseledger.ledger.LedgerFixture.map;
import static io.releaseledger.ledger.LedgerFixture.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Releases API JSON after a realistic release: the full shapes of {@code api/state} and {@code api/history}. */
@SuppressWarnings("unchecked")
class LedgerViewTest {
    @TempDir
    Path root;

    /** tag → deploy staging → checks → promote → deploy production (fails, then succeeds) → failed check → rollback → bad. */
    static LedgerEvent release(final Ledger ledger) {
        LedgerFixture events = new LedgerFixture(ledger).at(0);
        events.tag("1.4.0", null, "c140", "a1", "feat: cart #12");
        events.tag("1.5.0", "1.4.0", "c150", "a2", "fix: totals SHOP-7", "a3", "chore: bump UTF-8 handling");
        events.deploy("staging", "d1", "1.5.0", "c150");
        events.check("staging", "1.5.0", true);
        events.as(ALICE, BUILD_213).promote("production", "1.5.0", "staging");
        events.tag("1.5.1", "1.5.0", "c151", "a4", "fix: rounding ABC-42 and #123");
        events.started("production", "d2", "1.5.1", "c151");
        events.failed("production", "d2", "1.5.1", "health check timed out");
        events.deploy("production", "d3", "1.5.1", "c151");
        events.check("production", "1.5.1", false);
        events.as(BOB, CLI).rollback("production", "1.5.1", "1.5.0", "smoke check failed");
        events.markBad("1.5.1", "rounding broken");
        events.as(ALICE, BUILD_212).tag("1.6.0", "1.5.1", "c160", "a5", "feat: wishlist #123",
                "a6", "feat: <script>alert(1)</script> ABC-43");
        return events.append("release.annotated", "production", map("note", "hello"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepTheImageTagOfARollbackByDigestAndSayWhenWhatMainHasIsNotKnown() {
        try (Ledger ledger = Ledger.open(root, "shop").setClock(LedgerFixture.CLOCK)) {
            LedgerFixture events = new LedgerFixture(ledger).at(0);
            events.deploy("staging", "d1", "1.4.0", "c140");
            events.deploy("staging", "d2", "1.5.0", "c150");
            Map<String, Object> byDigest = new java.util.LinkedHashMap<>(LedgerFixture.image("1.4.0"));
            byDigest.remove("tag");
            events.append(EventTypes.DEPLOYMENT_STARTED, "staging", map("deploymentId", "d3", "version", "1.4.0",
                    "image", byDigest));
            events.succeeded("staging", "d3", "1.4.0");
            events.rollback("staging", "1.5.0", "1.4.0", "broken");

            Map<String, Object> staging = ((List<Map<String, Object>>) ledger.view().state().get("environments"))
                    .get(0);

            Map<String, Object> current = (Map<String, Object>) staging.get("current");
            assertThat(current).containsEntry("version", "1.4.0").containsEntry("via", "rollback");
            assertThat((Map<String, Object>) current.get("image")).containsEntry("tag", "1.4.0");
            assertThat((Map<String, Object>) staging.get("lacking")).as("no release was tagged")
                    .containsEntry("known", false);
        }
    }

    @Test
    void shouldServeTheStateOfEveryEnvironment() {
        try (Ledger ledger = Ledger.open(root, "shop").setClock(LedgerFixture.CLOCK)) {
            LedgerEvent last = release(ledger);

            Map<String, Object> state = ledger.view().state();

            String lacking = """
                    {"releases": [{"version": "1.6.0", "tag": "v1.6.0", "taggedAt": "2026-11-22T10:14:00Z"},
                                  {"version": "1.5.1", "tag": "v1.5.1", "taggedAt": "2026-11-22T10:06:00Z"}],
                     "commits": [{"id": "a5", "subject": "feat: wishlist #123", "url": "https://git.example/shop/commit/a5", "version": "1.6.0"},
                                 {"id": "a6", "subject": "feat: <script>alert(1)</script> ABC-43", "url": "https://git.example/shop/commit/a6", "version": "1.6.0"},
                                 {"id": "a4", "subject": "fix: rounding ABC-42 and #123", "url": "https://git.example/shop/commit/a4", "version": "1.5.1"}],
                     "commitCount": 3, "issues": ["#123", "ABC-43", "ABC-42"], "known": true}""";
            String image = """
                    {"repository": "registry.example/shop", "tag": "1.5.0", "digest": "sha256:1f5f0"}""";
            assertThat(normalized(state)).isEqualTo(Json.parse("""
                    {"application": "shop", "events": 16, "lastHash": "%s", "generatedAt": "2026-11-22T12:00:00Z", "integrity": {"intact": true},
                     "environments": [
                       {"name": "staging",
                        "current": {"version": "1.5.0", "tag": "v1.5.0", "commit": "c150",
                                    "commitUrl": "https://git.example/shop/commit/c150", "image": %s,
                                    "deployedBy": {"id": "alice", "name": "Alice Example"},
                                    "deployedAt": "2026-11-22T10:03:00Z",
                                    "build": {"job": "shop/main", "number": 212, "url": "https://ci.example/job/shop/job/main/212/"},
                                    "via": "deployment", "bad": false,
                                    "checks": {"passed": true, "at": "2026-11-22T10:04:00Z",
                                               "results": [{"name": "home", "kind": "http", "passed": true, "detail": "200 OK", "millis": 41}]},
                                    "configurationChanges": null},
                        "mixed": null, "lock": null, "drift": null, "lacking": %s},
                       {"name": "production",
                        "current": {"version": "1.5.0", "tag": "v1.5.0", "commit": "c150",
                                    "commitUrl": "https://git.example/shop/commit/c150", "image": %s,
                                    "deployedBy": {"id": "bob", "name": "Bob Example"},
                                    "deployedAt": "2026-11-22T10:12:00Z", "build": null,
                                    "via": "rollback", "bad": false, "checks": null, "configurationChanges": null},
                        "mixed": null, "lock": null, "drift": null, "lacking": %s}],
                     "pendingPromotion": [],
                     "badReleases": [{"version": "1.5.1", "reason": "rounding broken",
                                      "by": {"id": "bob", "name": "Bob Example"}, "at": "2026-11-22T10:13:00Z"}]}
                    """.formatted(last.getHash(), image, lacking, image, lacking)));
        }
    }

    @Test
    void shouldServeTheHistoryOfAnEnvironmentNewestFirstWithRollbacksFailuresAndBadReleasesMarked() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            release(ledger);

            Map<String, Object> page = ledger.view().history("production", 0, 4);

            String build213 = """
                    {"job": "shop/main", "number": 213, "url": "https://ci.example/job/shop/job/main/213/"}""";
            assertThat(normalized(page)).isEqualTo(Json.parse("""
                    {"environment": "production", "page": 0, "size": 4, "total": 8, "entries": [
                      {"seq": 16, "type": "release.annotated", "at": "2026-11-22T10:15:00Z", "environment": "production",
                       "version": null, "from": null, "by": {"id": "alice", "name": "Alice Example"},
                       "build": {"job": "shop/main", "number": 212, "url": "https://ci.example/job/shop/job/main/212/"},
                       "reason": null, "rollback": false, "failed": false, "bad": false, "automatic": false},
                      {"seq": 13, "type": "release.rolledback", "at": "2026-11-22T10:12:00Z", "environment": "production",
                       "version": "1.5.0", "from": "1.5.1", "by": {"id": "bob", "name": "Bob Example"}, "build": null,
                       "reason": "smoke check failed", "rollback": true, "failed": false, "bad": false, "automatic": true},
                      {"seq": 12, "type": "check.recorded", "at": "2026-11-22T10:11:00Z", "environment": "production",
                       "version": "1.5.1", "from": null, "by": {"id": "alice", "name": "Alice Example"}, "build": %1$s,
                       "reason": null, "rollback": false, "failed": true, "bad": true, "automatic": false},
                      {"seq": 11, "type": "deployment.succeeded", "at": "2026-11-22T10:10:00Z", "environment": "production",
                       "version": "1.5.1", "from": null, "by": {"id": "alice", "name": "Alice Example"}, "build": %1$s,
                       "reason": null, "rollback": false, "failed": false, "bad": true, "automatic": false}]}
                    """.formatted(build213)));
            List<?> next = (List<?>) ledger.view().history("production", 1, 4).get("entries");
            assertThat(LedgerFixture.column(next, "seq")).containsExactly(10L, 9L, 8L, 6L);
            assertThat(normalized(next.get(1))).isEqualTo(Json.parse("""
                    {"seq": 9, "type": "deployment.failed", "at": "2026-11-22T10:08:00Z", "environment": "production",
                     "version": "1.5.1", "from": null, "by": {"id": "alice", "name": "Alice Example"}, "build": %s,
                     "reason": "health check timed out", "rollback": false, "failed": true, "bad": true, "automatic": false}
                    """.formatted(build213)));
            assertThat(((Map<String, Object>) next.get(3)).get("from")).isEqualTo("staging");
        }
    }

    @Test
    void shouldServeTheHistoryOfAllEnvironmentsAndOfOneRelease() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            release(ledger);
            LedgerView view = ledger.view();

            Map<String, Object> all = view.history(null, 0, 3);
            Map<String, Object> release = view.releaseHistory("1.5.1", 0, 20);

            assertThat(all).containsEntry("environment", null).containsEntry("total", 16);
            assertThat(LedgerFixture.column(all.get("entries"), "type"))
                    .containsExactly("release.annotated", "version.tagged", "release.marked-bad");
            assertThat(release).containsEntry("version", "1.5.1").containsEntry("total", 8);
            assertThat(LedgerFixture.column(release.get("entries"), "seq"))
                    .containsExactly(14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L);
            assertThat(view.history("staging", 0, 20)).containsEntry("total", 3);
        }
    }

    @Test
    void shouldPageAndCapThePageSize() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger);
            for (int i = 1; i <= 250; i++) {
                events.deploy("staging", "d" + i, "1.0." + i, "c" + i);
            }
            LedgerView view = ledger.view();

            Map<String, Object> first = view.history("staging", 0, 1000);
            Map<String, Object> last = view.history("staging", 2, 200);
            Map<String, Object> beyond = view.history("staging", 25, 20);
            Map<String, Object> unknown = view.history("nowhere", 0, 20);

            assertThat(first).containsEntry("size", 200).containsEntry("total", 500);
            assertThat((List<?>) first.get("entries")).hasSize(200).first()
                    .satisfies(entry -> assertThat(((Map<String, Object>) entry).get("seq")).isEqualTo(500L));
            assertThat((List<?>) last.get("entries")).hasSize(100).last()
                    .satisfies(entry -> assertThat(((Map<String, Object>) entry).get("seq")).isEqualTo(1L));
            assertThat((List<?>) beyond.get("entries")).isEmpty();
            assertThat(unknown).containsEntry("total", 0).containsEntry("entries", List.of());
        }
    }

    @Test
    void shouldKeepUnknownEventTypesAndCountThem() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger);
            events.append("release.annotated", null, map("note", "from a newer version"));
            events.deploy("staging", "d1", "1.0.0", "c1");

            LedgerView view = ledger.view();

            assertThat(LedgerFixture.column(view.history(null, 0, 10).get("entries"), "type"))
                    .containsExactly("deployment.succeeded", "deployment.started", "release.annotated");
            assertThat(view.state()).containsEntry("events", 3L);
        }
    }

    @Test
    void shouldListEnvironmentsInPromotionOrderWhenKnown() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            new LedgerFixture(ledger).deploy("production", "d1", "1.0.0", "c1");
            ledger.setEnvironmentOrder(List.of("dev", "staging", "production"));

            Map<String, Object> state = ledger.view().state();

            assertThat(LedgerFixture.column(state.get("environments"), "name"))
                    .containsExactly("dev", "staging", "production");
            assertThat((List<?>) state.get("environments")).first()
                    .satisfies(env -> assertThat((Map<String, Object>) env).containsEntry("current", null)
                            .containsEntry("lock", null));
        }
    }
}
