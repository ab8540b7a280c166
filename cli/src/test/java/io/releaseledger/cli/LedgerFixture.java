package io.releaseledger.cli;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger of application {@code shop} written with the engine: four tagged releases, deployments to staging and
 * production, checks, an automatic rollback, a bad release, a held lock, and a commit message with markup.
 */
final class LedgerFixture {
    static final String APPLICATION = "shop";
    static final String REPOSITORY_URL = "https://git.example/shop";
    static final String SCRIPT_SUBJECT = "docs: <script>window.pwned=1</script><b>x</b>";
    static final Actor ALICE = new Actor("alice", "Alice Example");
    static final Actor BOB = new Actor("bob", "Bob Builder");
    static final int STAGING_CHECKS = 24;
    static final int LOCK_BUILD = 212;
    /** Every event the story appends. */
    static final int EVENTS = 4 + 2 * 5 + 4 + STAGING_CHECKS + 3;

    private final Ledger ledger;
    private Instant time = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    private int build = 200;

    private LedgerFixture(final Ledger ledger) {
        this.ledger = ledger;
    }

    /** Writes the whole story into {@code root/shop/}. */
    static void write(final Path root) {
        Ledger ledger = Ledger.open(root, APPLICATION);
        try {
            new LedgerFixture(ledger).story();
        } finally {
            LedgerText.closeQuietly(ledger);
        }
    }

    static String digest(final String version) {
        String hex = Integer.toHexString(version.hashCode());
        StringBuilder digest = new StringBuilder("sha256:");
        while (digest.length() < 7 + 64) {
            digest.append(hex);
        }
        return digest.substring(0, 7 + 64);
    }

    static String commitId(final String seed) {
        String hex = Integer.toHexString(seed.hashCode()) + "0123456789abcdef";
        StringBuilder id = new StringBuilder();
        while (id.length() < 40) {
            id.append(hex);
        }
        return id.substring(0, 40);
    }

    private void story() {
        tag("1.3.0", null, List.of("feat: basket for guests (#12)", "fix: currency rounding"));
        deploy("staging", "1.3.0", ALICE);
        check("staging", "1.3.0", true);
        deploy("production", "1.3.0", ALICE);
        check("production", "1.3.0", true);

        tag("1.4.0", "1.3.0", List.of("feat: vouchers ABC-42", "fix: empty basket crash"));
        deploy("staging", "1.4.0", BOB);
        check("staging", "1.4.0", true);
        deploy("production", "1.4.0", BOB);
        check("production", "1.4.0", false);
        append(draft(EventTypes.RELEASE_ROLLED_BACK, BOB, "production",
                map("from", "1.4.0", "to", "1.3.0", "reason", "smoke check failed: /basket answered 500",
                        "automatic", true)));
        append(draft(EventTypes.RELEASE_MARKED_BAD, BOB, null,
                map("version", "1.4.0", "reason", "basket answers 500 under load")));

        tag("1.4.1", "1.4.0", List.of("fix: basket under load #77"));
        deploy("staging", "1.4.1", ALICE);
        for (int i = 0; i < STAGING_CHECKS; i++) {
            check("staging", "1.4.1", true);
        }

        tag("1.5.0", "1.4.1", List.of("feat: search PROJ-7", SCRIPT_SUBJECT));
        ledger.lock("staging", "1.5.0", "deploy", ALICE, Origin.build("shop/main", LOCK_BUILD,
                "https://ci.example/job/shop/job/main/" + LOCK_BUILD + "/", false));
    }

    private void tag(final String version, final String previous, final List<String> subjects) {
        List<Object> commits = new ArrayList<>();
        for (String subject : subjects) {
            commits.add(map("id", commitId(subject), "subject", subject));
        }
        Map<String, Object> data = map("version", version, "tag", "v" + version, "commit", commitId(version),
                "previousVersion", previous, "repositoryUrl", REPOSITORY_URL);
        data.put("commits", commits);
        append(draft(EventTypes.VERSION_TAGGED, ALICE, null, data));
    }

    private void deploy(final String environment, final String version, final Actor actor) {
        String id = environment + "-" + version;
        Map<String, Object> started = map("deploymentId", id, "version", version, "commit", commitId(version),
                "hosts", List.of(environment + "-1.example", environment + "-2.example"),
                "image", map("repository", "registry.example/shop", "tag", version, "digest", digest(version)),
                "strategy", "rolling");
        started.put("configuration", map("DATABASE_URL", digest("db-" + environment).substring(7)));
        append(draft(EventTypes.DEPLOYMENT_STARTED, actor, environment, started));
        append(draft(EventTypes.DEPLOYMENT_SUCCEEDED, actor, environment, map("deploymentId", id, "version", version)));
    }

    private void check(final String environment, final String version, final boolean passed) {
        List<Object> results = List.of(
                map("name", "home", "kind", "http", "passed", true, "detail", "200 OK", "millis", 41),
                map("name", "basket", "kind", "http", "passed", passed, "detail", passed ? "200 OK" : "500 Server Error",
                        "millis", 87),
                map("name", "no lorem ipsum", "kind", "forbidden-text", "passed", true, "detail", "not found",
                        "millis", 12));
        Map<String, Object> data = map("version", version, "deploymentId", environment + "-" + version,
                "passed", passed);
        data.put("results", results);
        append(draft(EventTypes.CHECK_RECORDED, ALICE, environment, data));
    }

    private EventDraft draft(final String type, final Actor actor, final String environment,
            final Map<String, Object> data) {
        build++;
        time = time.plus(Duration.ofMinutes(17));
        Origin origin = Origin.build("shop/main", build, "https://ci.example/job/shop/job/main/" + build + "/", false);
        EventDraft draft = new EventDraft(type, actor, origin).setData(data).setTime(time);
        return environment == null ? draft : draft.setEnvironment(environment);
    }

    private void append(final EventDraft draft) {
        ledger.append(draft);
    }

    static Map<String, Object> map(final Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
