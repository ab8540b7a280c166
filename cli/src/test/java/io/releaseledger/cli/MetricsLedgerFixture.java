package io.releaseledger.cli;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger of twelve weeks whose DORA figures are known by construction: in week {@code w} (0 to 11) of the window
 * that ends at {@link #UNTIL}, {@code w % 3 + 1} releases, one a day at 10:00 from the week's second day; each carries
 * two commits made 4 h and 2 h before it reaches production, and runs in staging an hour before. In weeks 1, 5 and 9
 * production rolls the week's last release back 30 minutes after it arrived.
 */
final class MetricsLedgerFixture {
    static final Instant UNTIL = Instant.parse("2026-11-30T00:00:00Z");
    static final int WEEKS = 12;
    /** 1 + 2 + 3, four times. */
    static final int PRODUCTION_DEPLOYS = 24;
    static final int ROLLBACKS = 3;
    /** Production: the median of 4 h and 2 h, every time. */
    static final long PRODUCTION_LEAD_SECONDS = 3 * 3600;
    /** Staging: the median of 3 h and 1 h. */
    static final long STAGING_LEAD_SECONDS = 2 * 3600;
    static final long RESTORE_SECONDS = 30 * 60;

    private static final Actor ALICE = new Actor("alice", "Alice Example");
    private static final Origin BUILD = Origin.build("shop/main", 7, "https://ci.example/job/shop/job/main/7/", false);

    private final Ledger ledger;
    private final Instant until;
    private int deployment;
    private int minor;
    private String previous;

    private MetricsLedgerFixture(final Ledger ledger, final Instant until) {
        this.ledger = ledger;
        this.until = until;
    }

    static void write(final Path root) {
        write(root, UNTIL);
    }

    /** The same weeks, ending at {@code until} instead (a page asks for the weeks up to now). */
    static void write(final Path root, final Instant until) {
        try (Ledger ledger = Ledger.open(root, "shop").setEnvironmentOrder(List.of("staging", "production"))) {
            new MetricsLedgerFixture(ledger, until).run();
        }
    }

    private void run() {
        Instant from = until.minus(Duration.ofDays(7L * WEEKS));
        for (int week = 0; week < WEEKS; week++) {
            int releases = week % 3 + 1;
            for (int r = 0; r < releases; r++) {
                Instant production = from.plus(Duration.ofDays(7L * week + r + 1)).plus(Duration.ofHours(10));
                String version = "1." + ++minor + ".0";
                append(EventTypes.VERSION_TAGGED, null, production.minus(Duration.ofMinutes(119)), map("version", version,
                        "tag", "v" + version, "commit", "c" + minor, "previousVersion", previous, "commits", List.of(
                                map("id", "a" + minor, "subject", "feat: change " + minor + "a",
                                        "time", production.minus(Duration.ofHours(4)).toString()),
                                map("id", "b" + minor, "subject", "fix: change " + minor + "b",
                                        "time", production.minus(Duration.ofHours(2)).toString()))));
                deploy("staging", version, production.minus(Duration.ofHours(1)));
                deploy("production", version, production);
                if (r == releases - 1 && week % 4 == 1) {
                    deploy("production", previous, production.plus(Duration.ofMinutes(30)));
                    append(EventTypes.RELEASE_ROLLED_BACK, "production", production.plus(Duration.ofMinutes(31)),
                            map("from", version, "to", previous, "reason", "checkout broken", "automatic", false));
                } else {
                    previous = version;
                }
            }
        }
    }

    private void deploy(final String environment, final String version, final Instant succeeded) {
        String id = "d" + ++deployment;
        append(EventTypes.DEPLOYMENT_STARTED, environment, succeeded.minusSeconds(60),
                map("deploymentId", id, "version", version, "image", map("repository", "registry.example/shop",
                        "tag", version, "digest", "sha256:" + "0".repeat(60) + String.format("%04d", deployment))));
        append(EventTypes.CHECK_RECORDED, environment, succeeded.minusSeconds(10), map("version", version,
                "deploymentId", id, "passed", true, "run", "gate", "results",
                List.of(map("name", "home", "kind", "http", "passed", true, "detail", "200 OK", "millis", 12))));
        append(EventTypes.DEPLOYMENT_SUCCEEDED, environment, succeeded, map("deploymentId", id, "version", version));
    }

    private void append(final String type, final String environment, final Instant at, final Map<String, Object> data) {
        ledger.append(new EventDraft(type, ALICE, BUILD).setEnvironment(environment).setData(data).setTime(at));
    }

    private static Map<String, Object> map(final Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
