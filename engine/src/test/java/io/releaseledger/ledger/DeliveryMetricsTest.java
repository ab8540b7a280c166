package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DORA keys (docs/metrics.md) against ledgers whose answers are known. */
class DeliveryMetricsTest {
    private static final Instant UNTIL = Instant.parse("2026-11-30T00:00:00Z");
    private static final int WEEKS = 12;
    private static final Actor ALICE = new Actor("alice", "Alice Example");
    private static final Origin CLI = Origin.cli("alice", "laptop");

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21})
    void shouldGiveTheFiguresTheGeneratorBookedForTheWindowAndEveryWeek(final long seed) {
        Instant from = UNTIL.minus(Duration.ofDays(7L * WEEKS));
        try (Ledger ledger = Ledger.open(root, "shop").setEnvironmentOrder(List.of("staging", "production"))) {
            MetricsScenario scenario = new MetricsScenario(ledger, seed, from.plus(Duration.ofDays(1))).run(UNTIL);
            Map<String, Object> metrics = ledger.view().metrics(new MetricsQuery().setUntil(UNTIL).setWeeks(WEEKS)
                    .setFixWindow(MetricsScenario.FIX_WINDOW));

            assertThat(metrics.get("from")).isEqualTo(from.toString());
            assertThat(metrics.get("until")).isEqualTo(UNTIL.toString());
            List<Map<String, Object>> environments = list(metrics.get("environments"));
            assertThat(environments).extracting(environment -> environment.get("name"))
                    .containsExactly("staging", "production");
            assertThat(scenario.production.stream().filter(expected -> expected.failure).count())
                    .as("the scenario made failures").isGreaterThan(3);
            SoftAssertions softly = new SoftAssertions();
            expect(softly, environments.get(0), scenario.staging, from.toEpochMilli());
            expect(softly, environments.get(1), scenario.production, from.toEpochMilli());
            softly.assertAll();
        }
    }

    @Test
    void shouldGiveTheSameFiguresFromTheCheckpointAsFromTheJournal() {
        Instant from = UNTIL.minus(Duration.ofDays(7L * WEEKS));
        MetricsQuery query = new MetricsQuery().setUntil(UNTIL);
        Map<String, Object> written;
        try (Ledger ledger = Ledger.open(root, "shop").setCheckpointInterval(50)) {
            new MetricsScenario(ledger, 4, from.plus(Duration.ofDays(1))).run(UNTIL);
            written = ledger.view().metrics(query);
        }
        assertThat(root.resolve("shop").resolve(Checkpoint.FILE)).exists();
        try (Ledger reopened = Ledger.open(root, "shop")) {
            assertThat(reopened.view().metrics(query)).isEqualTo(written);
        }
        Map<String, Object> production = list(written.get("environments")).get(1);
        assertThat(map(production.get("leadTime")).get("changes")).isNotEqualTo(0);
    }

    @Test
    void shouldCountAPromotionOnceAndARollbackNotAsAChange() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Events events = new Events(ledger, Instant.parse("2026-11-23T08:00:00Z"));
            events.tag("1.0.0", null, "2026-11-23T07:00:00Z");
            events.deploy("production", "1.0.0").promoted("production", "1.0.0");
            events.tag("1.1.0", "1.0.0", "2026-11-23T07:30:00Z");
            events.later(Duration.ofHours(30)).deploy("production", "1.1.0");
            events.later(Duration.ofHours(2)).deploy("production", "1.0.0").rolledBack("production", "1.1.0", "1.0.0");

            Map<String, Object> production = production(ledger, new MetricsQuery().setUntil(UNTIL).setWeeks(2));

            assertThat(map(production.get("deploymentFrequency")).get("deployments")).isEqualTo(2);
            assertThat(map(production.get("changeFailureRate"))).containsEntry("deployments", 2)
                    .containsEntry("failures", 1).containsEntry("rate", 0.5).containsEntry("rolledBack", 1);
            // 1.1.0 ran from 2026-11-24T14:00 until the rollback's deploy two hours later
            assertThat(map(production.get("timeToRestore"))).containsEntry("restored", 1)
                    .containsEntry("medianSeconds", 7200L + 1).containsEntry("rollbacks", 1);
            // 1.0.0's commit 1 h 2 s before its deploy, 1.1.0's 30.5 h 5 s before its own: the mean of the two
            assertThat(map(production.get("leadTime"))).containsEntry("changes", 2)
                    .containsEntry("medianSeconds", (3602L + 109_805L) / 2);
        }
    }

    @Test
    void shouldBringTheCommitsOfAReleaseThatNeverRanWithTheNextOne() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Events events = new Events(ledger, Instant.parse("2026-11-23T08:00:00Z"));
            events.tag("1.0.0", null, "2026-11-23T06:00:00Z");
            events.tag("1.1.0", "1.0.0", "2026-11-23T07:00:00Z");
            events.tag("1.2.0-feature.1", "1.0.0", "2026-11-23T07:10:00Z");
            events.tag("1.2.0", "1.1.0", "2026-11-23T07:30:00Z");
            events.deploy("production", "1.2.0");

            Map<String, Object> leadTime = map(production(ledger, new MetricsQuery().setUntil(UNTIL).setWeeks(1))
                    .get("leadTime"));

            // 1.2.0, 1.1.0 and 1.0.0 (its chain), not the pre-release of another branch: deployed at 08:00:05
            assertThat(leadTime).containsEntry("changes", 3).containsEntry("medianSeconds", 3600L + 5);
        }
    }

    @Test
    void shouldCountAPatchReleaseAsAFixOnlyWithinTheFixWindow() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Events events = new Events(ledger, Instant.parse("2026-11-23T08:00:00Z"));
            events.tag("1.0.0", null, "2026-11-23T07:00:00Z");
            events.deploy("production", "1.0.0");
            events.tag("1.0.1", "1.0.0", "2026-11-24T08:00:00Z");
            events.later(Duration.ofHours(30)).deploy("production", "1.0.1");

            assertThat(map(production(ledger, new MetricsQuery().setUntil(UNTIL).setWeeks(2))
                    .get("changeFailureRate"))).containsEntry("failures", 0).containsEntry("fixed", 0);
            Map<String, Object> production = production(ledger, new MetricsQuery().setUntil(UNTIL).setWeeks(2)
                    .setFixWindow(Duration.ofHours(36)));
            assertThat(map(production.get("changeFailureRate"))).containsEntry("failures", 1)
                    .containsEntry("fixed", 1);
            assertThat(map(production.get("timeToRestore"))).containsEntry("restored", 1)
                    .containsEntry("medianSeconds", 30 * 3600L + 2);
        }
    }

    @Test
    void shouldNotLookAtEventsAtOrAfterTheEndOfTheWindow() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Events events = new Events(ledger, Instant.parse("2026-11-23T08:00:00Z"));
            events.tag("1.0.0", null, "2026-11-23T07:00:00Z");
            events.deploy("production", "1.0.0");
            events.later(Duration.ofHours(1)).check("production", "1.0.0", false);
            Instant beforeTheRestore = events.time.plusSeconds(1);
            events.tag("1.1.0", "1.0.0", "2026-11-23T09:00:00Z");
            events.later(Duration.ofHours(3)).deploy("production", "1.1.0");

            Map<String, Object> cut = production(ledger, new MetricsQuery().setUntil(beforeTheRestore).setWeeks(1));
            assertThat(map(cut.get("timeToRestore"))).containsEntry("restored", 0).containsEntry("open", 1);
            assertThat(map(cut.get("deploymentFrequency"))).containsEntry("deployments", 1);

            Map<String, Object> all = production(ledger, new MetricsQuery().setUntil(UNTIL).setWeeks(1));
            assertThat(map(all.get("changeFailureRate"))).containsEntry("failures", 1).containsEntry("failedChecks", 1);
            assertThat(map(all.get("timeToRestore"))).containsEntry("restored", 1).containsEntry("open", 0)
                    .containsEntry("medianSeconds", 3 * 3600L + 2);
        }
    }

    @Test
    void shouldTakeOnlyALaterPatchReleaseOfTheSameMinorForAFix() {
        assertThat(DeliveryLog.isPatchOf("1.4.1", "1.4.0")).isTrue();
        assertThat(DeliveryLog.isPatchOf("1.4.12+build.7", "1.4.3")).isTrue();
        assertThat(DeliveryLog.isPatchOf("1.4.1", "1.4.0-rc.2")).isTrue();
        assertThat(DeliveryLog.isPatchOf("1.5.0", "1.4.0")).isFalse();
        assertThat(DeliveryLog.isPatchOf("2.4.1", "1.4.0")).isFalse();
        assertThat(DeliveryLog.isPatchOf("1.4.0", "1.4.0")).isFalse();
        assertThat(DeliveryLog.isPatchOf("1.4.0", "1.4.1")).isFalse();
        assertThat(DeliveryLog.isPatchOf("1.4.2-rc.1", "1.4.1")).as("a pre-release is no fix").isFalse();
        assertThat(DeliveryLog.isPatchOf("1.4.01", "1.4.0")).as("not SemVer").isFalse();
        assertThat(DeliveryLog.isPatchOf("1.4", "1.3")).isFalse();
        assertThat(DeliveryLog.isPatchOf("latest", "1.4.0")).isFalse();
        assertThat(DeliveryLog.isPatchOf(null, "1.4.0")).isFalse();
    }

    @Test
    void shouldRefuseAWindowOrFixWindowOutOfRangeWithTheFix() {
        assertThatThrownBy(() -> new MetricsQuery().setWeeks(0)).isInstanceOf(ReleaseLedgerException.class)
                .hasMessage("The metrics window must be 1 to 520 weeks, not 0.");
        assertThatThrownBy(() -> new MetricsQuery().setFixWindow(Duration.ZERO))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("at most 30 days (e.g. 24h)");
    }

    @Test
    void shouldKeepCommitTimesInTheTagEventAndDropOnesThatAreNotTimes() {
        Map<String, Object> data = new VersionTagged(Map.of("version", "1.0.0", "tagCreated", true, "commits", List.of(
                Map.of("id", "a", "subject", "feat: a", "time", "2026-11-23T07:00:00Z"),
                Map.of("id", "b", "subject", "fix: b", "time", "yesterday")))).data();
        assertThat(list(data.get("commits"))).containsExactly(
                Map.of("id", "a", "subject", "feat: a", "time", "2026-11-23T07:00:00Z"),
                Map.of("id", "b", "subject", "fix: b"));
    }

    // ------------------------------------------------------------------ the oracle: figures from the booking

    private static void expect(final SoftAssertions softly, final Map<String, Object> actual,
            final List<MetricsScenario.Expected> booked, final long from) {
        String name = (String) actual.get("name");
        Oracle window = new Oracle(booked, from, UNTIL.toEpochMilli());
        softly.assertThat(map(actual.get("deploymentFrequency"))).as(name + " frequency")
                .containsEntry("deployments", window.successful)
                .containsEntry("perWeek", window.successful / (double) WEEKS);
        softly.assertThat(map(actual.get("leadTime"))).as(name + " lead time")
                .containsEntry("changes", window.leadTimes.size())
                .containsEntry("changesWithoutTime", window.withoutTime)
                .containsEntry("medianSeconds", seconds(window.leadTimes));
        softly.assertThat(map(actual.get("changeFailureRate"))).as(name + " change failure rate")
                .containsEntry("deployments", window.deployments)
                .containsEntry("failures", window.failures)
                .containsEntry("rate", window.rate());
        softly.assertThat(map(actual.get("timeToRestore"))).as(name + " time to restore")
                .containsEntry("restored", window.restoreTimes.size())
                .containsEntry("open", window.open)
                .containsEntry("rollbacks", window.rollbacks)
                .containsEntry("medianSeconds", seconds(window.restoreTimes));
        List<Map<String, Object>> weeks = list(actual.get("weeks"));
        softly.assertThat(weeks).as(name + " weeks").hasSize(WEEKS);
        long week = Duration.ofDays(7).toMillis();
        for (int i = 0; i < weeks.size(); i++) {
            Oracle expected = new Oracle(booked, from + i * week, from + (i + 1) * week);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("from", Instant.ofEpochMilli(from + i * week).toString());
            figures.put("deployments", expected.successful);
            figures.put("leadTimeSeconds", seconds(expected.leadTimes));
            figures.put("changeFailureRate", expected.rate());
            figures.put("failures", expected.failures);
            figures.put("timeToRestoreSeconds", seconds(expected.restoreTimes));
            softly.assertThat(weeks.get(i)).as(name + " week " + i).isEqualTo(figures);
        }
    }

    /** Counts over the booked deployments of one period, done here, not by the code under test. */
    private static final class Oracle {
        int successful;
        int deployments;
        int failures;
        int open;
        int rollbacks;
        int withoutTime;
        final List<Long> leadTimes = new ArrayList<>();
        final List<Long> restoreTimes = new ArrayList<>();

        Oracle(final List<MetricsScenario.Expected> booked, final long start, final long end) {
            for (MetricsScenario.Expected deployment : booked) {
                if (deployment.time < start || deployment.time >= end) {
                    continue;
                }
                if (deployment.rollback) {
                    rollbacks++;
                    continue;
                }
                deployments++;
                if (deployment.succeeded) {
                    successful++;
                    leadTimes.addAll(deployment.leadTimes);
                    withoutTime += deployment.withoutTime;
                }
                if (deployment.failure) {
                    failures++;
                    if (deployment.restoredAt == Long.MIN_VALUE) {
                        open++;
                    } else {
                        restoreTimes.add(deployment.restoredAt - deployment.failureStart);
                    }
                }
            }
        }

        Double rate() {
            return deployments == 0 ? null : failures / (double) deployments;
        }
    }

    /** The median in whole seconds: the middle value, or the two middle ones' mean, of the sorted milliseconds. */
    private static Long seconds(final List<Long> millis) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return median / 1000;
    }

    // ------------------------------------------------------------------ hand-written ledgers

    private static Map<String, Object> production(final Ledger ledger, final MetricsQuery query) {
        return list(ledger.view().metrics(query.setEnvironment("production")).get("environments")).get(0);
    }

    /** Events one second apart from a given time, unless told to wait. */
    private static final class Events {
        private final Ledger ledger;
        Instant time;
        private int deployment;

        Events(final Ledger ledger, final Instant time) {
            this.ledger = ledger;
            this.time = time.minusSeconds(1);
        }

        Events later(final Duration wait) {
            time = time.plus(wait).minusSeconds(1);
            return this;
        }

        Events tag(final String version, final String previous, final String committed) {
            return append(EventTypes.VERSION_TAGGED, null, data("version", version, "previousVersion", previous,
                    "commits", List.of(Map.of("id", "c-" + version, "subject", "feat: " + version, "time", committed))));
        }

        Events deploy(final String environment, final String version) {
            String id = "d" + ++deployment;
            append(EventTypes.DEPLOYMENT_STARTED, environment, data("deploymentId", id, "version", version));
            return append(EventTypes.DEPLOYMENT_SUCCEEDED, environment, data("deploymentId", id, "version", version));
        }

        Events promoted(final String environment, final String version) {
            return append(EventTypes.RELEASE_PROMOTED, environment, data("version", version, "from", "staging"));
        }

        Events rolledBack(final String environment, final String from, final String to) {
            return append(EventTypes.RELEASE_ROLLED_BACK, environment, data("from", from, "to", to, "reason", "broken",
                    "automatic", false));
        }

        Events check(final String environment, final String version, final boolean passed) {
            return append(EventTypes.CHECK_RECORDED, environment, data("version", version, "passed", passed));
        }

        private Events append(final String type, final String environment, final Map<String, Object> data) {
            time = time.plusSeconds(1);
            ledger.append(new EventDraft(type, ALICE, CLI).setEnvironment(environment).setData(data).setTime(time));
            return this;
        }

        private static Map<String, Object> data(final Object... keysAndValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return map;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(final Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        return (Map<String, Object>) value;
    }
}
