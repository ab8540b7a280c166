package io.releaseledger.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a random but seeded delivery history into a ledger through its public API (releases tagged with commit
 * times, then deployed to staging and production: plain deploys, promotions, failed deploys with and without restore,
 * failed smoke checks with rollback, manual rollbacks, hotfixes) and, while it writes, books what each production
 * deployment is by construction: whether it is a change failure, when its failure started and ended, and the lead
 * times of the commits it brought. The expected figures come from that booking, never from the code under test.
 */
final class MetricsScenario {
    static final Duration FIX_WINDOW = Duration.ofHours(24);
    static final String STAGING = "staging";
    static final String PRODUCTION = "production";

    /** One deployment as the scenario made it. */
    static final class Expected {
        final long time;
        final boolean succeeded;
        final boolean rollback;
        boolean failure;
        long failureStart;
        long restoredAt = Long.MIN_VALUE;
        final List<Long> leadTimes = new ArrayList<>();
        int withoutTime;

        Expected(final long time, final boolean succeeded, final boolean rollback) {
            this.time = time;
            this.succeeded = succeeded;
            this.rollback = rollback;
        }
    }

    private final Ledger ledger;
    private final Random random;
    private final Actor actor = new Actor("alice", "Alice Example");
    private final Origin origin = Origin.cli("alice", "laptop");
    final List<Expected> production = new ArrayList<>();
    final List<Expected> staging = new ArrayList<>();
    private final List<Expected> open = new ArrayList<>();
    private final List<Long> undeliveredProduction = new ArrayList<>();
    private final List<Long> undeliveredStaging = new ArrayList<>();
    private int undeliveredProductionWithoutTime;
    private int undeliveredStagingWithoutTime;
    private Instant time;
    private int minor;
    private String lastTagged;
    private String good;
    private int deployment;
    private Expected lastStaging;

    MetricsScenario(final Ledger ledger, final long seed, final Instant start) {
        this.ledger = ledger;
        this.random = new Random(seed);
        this.time = start;
    }

    /** Episodes until {@code end}; each starts one to three days after the one before. */
    MetricsScenario run(final Instant end) {
        plain(tag(false));
        while (true) {
            time = time.plus(Duration.ofHours(30 + random.nextInt(42)));
            if (time.plus(Duration.ofDays(2)).isAfter(end)) {
                return this;
            }
            String version = tag(random.nextInt(6) == 0);
            switch (random.nextInt(7)) {
                case 0 -> failedDeploy(version, true);
                case 1 -> failedDeploy(version, false);
                case 2 -> smokeFailure(version);
                case 3 -> manualRollback(version);
                case 4 -> hotfix(version);
                case 5 -> promotion(version);
                default -> plain(version);
            }
        }
    }

    private String tag(final boolean withoutTimes) {
        minor++;
        return tag("1." + minor + ".0", withoutTimes);
    }

    private String tag(final String version, final boolean withoutTimes) {
        List<Object> commits = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int c = 0; c < count; c++) {
            Instant committed = time.minus(Duration.ofMinutes(10 + random.nextInt(3000)));
            Map<String, Object> commit = map("id", version + "-" + c, "subject", "feat: change " + c + " of " + version);
            if (withoutTimes) {
                undeliveredProductionWithoutTime++;
                undeliveredStagingWithoutTime++;
            } else {
                commit.put("time", committed.toString());
                undeliveredProduction.add(committed.toEpochMilli());
                undeliveredStaging.add(committed.toEpochMilli());
            }
            commits.add(commit);
        }
        append(EventTypes.VERSION_TAGGED, null, map("version", version, "tag", "v" + version, "commit", "c-" + version,
                "previousVersion", lastTagged, "commits", commits));
        lastTagged = version;
        return version;
    }

    /** Staging first (always fine), then production. */
    private Expected deploy(final String version, final boolean promote) {
        stagingDeploy(version);
        time = time.plus(Duration.ofMinutes(60 + random.nextInt(240)));
        String id = "d" + ++deployment;
        append(EventTypes.DEPLOYMENT_STARTED, PRODUCTION, map("deploymentId", id, "version", version));
        time = time.plusSeconds(90);
        check(PRODUCTION, version, true);
        append(EventTypes.DEPLOYMENT_SUCCEEDED, PRODUCTION, map("deploymentId", id, "version", version));
        Expected expected = new Expected(time.toEpochMilli(), true, false);
        if (promote) {
            append(EventTypes.RELEASE_PROMOTED, PRODUCTION, map("version", version, "from", STAGING));
        }
        deliver(expected, undeliveredProduction, true);
        production.add(expected);
        return expected;
    }

    private void stagingDeploy(final String version) {
        String id = "d" + ++deployment;
        append(EventTypes.DEPLOYMENT_STARTED, STAGING, map("deploymentId", id, "version", version));
        time = time.plusSeconds(60);
        check(STAGING, version, true);
        append(EventTypes.DEPLOYMENT_SUCCEEDED, STAGING, map("deploymentId", id, "version", version));
        Expected expected = new Expected(time.toEpochMilli(), true, false);
        deliver(expected, undeliveredStaging, false);
        staging.add(expected);
        lastStaging = expected;
    }

    private void deliver(final Expected expected, final List<Long> commits, final boolean production) {
        for (long committed : commits) {
            expected.leadTimes.add(expected.time - committed);
        }
        commits.clear();
        if (production) {
            expected.withoutTime = undeliveredProductionWithoutTime;
            undeliveredProductionWithoutTime = 0;
        } else {
            expected.withoutTime = undeliveredStagingWithoutTime;
            undeliveredStagingWithoutTime = 0;
        }
    }

    /** A deploy that nothing went wrong with: it ends every open failure. */
    private void plain(final String version) {
        healthy(deploy(version, false));
        good = version;
    }

    private void promotion(final String version) {
        healthy(deploy(version, true));
        good = version;
    }

    private void healthy(final Expected expected) {
        for (Expected failure : open) {
            failure.restoredAt = expected.time;
        }
        open.clear();
    }

    private void failure(final Expected expected, final long start) {
        expected.failure = true;
        expected.failureStart = start;
        open.add(expected);
    }

    private void failedDeploy(final String version, final boolean restored) {
        stagingDeploy(version);
        time = time.plus(Duration.ofMinutes(60 + random.nextInt(240)));
        String id = "d" + ++deployment;
        append(EventTypes.DEPLOYMENT_STARTED, PRODUCTION, map("deploymentId", id, "version", version));
        time = time.plusSeconds(240);
        check(PRODUCTION, version, false);
        time = time.plusSeconds(30);
        append(EventTypes.DEPLOYMENT_FAILED, PRODUCTION, map("deploymentId", id, "version", version,
                "reason", "health gate timed out", "restored", restored));
        Expected failed = new Expected(time.toEpochMilli(), false, false);
        production.add(failed);
        failure(failed, failed.time);
        if (restored) {
            time = time.plusSeconds(1);
            append(EventTypes.RELEASE_ROLLED_BACK, PRODUCTION, map("from", version, "to", good,
                    "reason", "automatic: health gate timed out", "automatic", true));
            Expected restore = new Expected(time.toEpochMilli(), true, true);
            production.add(restore);
            healthy(restore);
        }
    }

    private void smokeFailure(final String version) {
        Expected deployed = deploy(version, false);
        time = time.plus(Duration.ofMinutes(5 + random.nextInt(60)));
        check(PRODUCTION, version, false);
        failure(deployed, time.toEpochMilli());
        rollBack(version, Duration.ofMinutes(3 + random.nextInt(30)));
    }

    private void manualRollback(final String version) {
        Expected deployed = deploy(version, false);
        failure(deployed, deployed.time);
        rollBack(version, Duration.ofMinutes(30 + random.nextInt(600)));
    }

    private void rollBack(final String from, final Duration after) {
        time = time.plus(after);
        String id = "d" + ++deployment;
        append(EventTypes.DEPLOYMENT_STARTED, PRODUCTION, map("deploymentId", id, "version", good));
        time = time.plusSeconds(60);
        check(PRODUCTION, good, true);
        append(EventTypes.DEPLOYMENT_SUCCEEDED, PRODUCTION, map("deploymentId", id, "version", good));
        Expected rollback = new Expected(time.toEpochMilli(), true, true);
        append(EventTypes.RELEASE_MARKED_BAD, null, map("version", from, "reason", "broken"));
        append(EventTypes.RELEASE_ROLLED_BACK, PRODUCTION, map("from", from, "to", good, "reason", "broken",
                "automatic", false));
        production.add(rollback);
        healthy(rollback);
    }

    /**
     * A deploy, then its patch release within the fix window (at most about 20.5 hours later, in staging too): the
     * first is a change failure that the second ends, in both environments.
     */
    private void hotfix(final String version) {
        Expected deployed = deploy(version, false);
        Expected inStaging = lastStaging;
        healthy(deployed);
        failure(deployed, deployed.time);
        time = time.plus(Duration.ofMinutes(30 + random.nextInt(20 * 60 - 300)));
        String fix = tag("1." + minor + ".1", false);
        plain(fix);
        inStaging.failure = true;
        inStaging.failureStart = inStaging.time;
        inStaging.restoredAt = lastStaging.time;
    }

    private void check(final String environment, final String version, final boolean passed) {
        append(EventTypes.CHECK_RECORDED, environment, map("version", version, "passed", passed, "results",
                List.of(map("name", "home", "kind", "http", "passed", passed))));
    }

    private void append(final String type, final String environment, final Map<String, Object> data) {
        time = time.plusSeconds(1);
        ledger.append(new EventDraft(type, actor, origin).setEnvironment(environment).setData(data).setTime(time));
    }

    private static Map<String, Object> map(final Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
