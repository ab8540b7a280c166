package io.releaseledger.ledger;

import io.releaseledger.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes realistic events into a ledger with fixed times: minute {@code m} is 2026-11-22T10:{m}:00Z. */
final class LedgerFixture {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    static final String REPOSITORY = "https://git.example/shop";
    static final Actor ALICE = new Actor("alice", "Alice Example");
    static final Actor BOB = new Actor("bob", "Bob Example");
    static final Origin BUILD_212 = Origin.build("shop/main", 212, "https://ci.example/job/shop/job/main/212/", false);
    static final Origin BUILD_213 = Origin.build("shop/main", 213, "https://ci.example/job/shop/job/main/213/", false);
    static final Origin CHANGE_REQUEST = Origin.build("shop/PR-7", 3, "https://ci.example/job/shop/job/PR-7/3/", true);
    static final Origin CLI = Origin.cli("bob", "laptop");

    private final Ledger ledger;
    private int minute;
    private Actor actor = ALICE;
    private Origin origin = BUILD_212;

    LedgerFixture(final Ledger ledger) {
        this.ledger = ledger;
    }

    LedgerFixture as(final Actor who, final Origin where) {
        actor = who;
        origin = where;
        return this;
    }

    LedgerFixture at(final int atMinute) {
        minute = atMinute;
        return this;
    }

    static String time(final int atMinute) {
        return T0.plusSeconds(60L * atMinute).toString();
    }

    /** {@code commits}: id, subject, id, subject, … */
    LedgerEvent tag(final String version, final String previous, final String commit, final String... commits) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < commits.length; i += 2) {
            list.add(map("id", commits[i], "subject", commits[i + 1]));
        }
        return append(EventTypes.VERSION_TAGGED, null, map("version", version, "tag", "v" + version, "commit", commit,
                "previousVersion", previous, "repositoryUrl", REPOSITORY, "commits", list));
    }

    LedgerEvent started(final String environment, final String deployment, final String version, final String commit) {
        return append(EventTypes.DEPLOYMENT_STARTED, environment, map("deploymentId", deployment, "version", version,
                "commit", commit, "hosts", List.of("web-1", "web-2"), "image", image(version), "strategy", "rolling",
                "configuration", map("DB_URL", "ab12")));
    }

    LedgerEvent succeeded(final String environment, final String deployment, final String version) {
        return append(EventTypes.DEPLOYMENT_SUCCEEDED, environment, map("deploymentId", deployment, "version", version));
    }

    LedgerEvent failed(final String environment, final String deployment, final String version, final String reason) {
        return append(EventTypes.DEPLOYMENT_FAILED, environment,
                map("deploymentId", deployment, "version", version, "reason", reason));
    }

    LedgerEvent deploy(final String environment, final String deployment, final String version, final String commit) {
        started(environment, deployment, version, commit);
        return succeeded(environment, deployment, version);
    }

    LedgerEvent check(final String environment, final String version, final boolean passed) {
        return append(EventTypes.CHECK_RECORDED, environment, map("version", version, "passed", passed,
                "results", List.of(map("name", "home", "kind", "http", "passed", passed,
                        "detail", passed ? "200 OK" : "503 Service Unavailable", "millis", 41L))));
    }

    LedgerEvent promote(final String environment, final String version, final String from) {
        return append(EventTypes.RELEASE_PROMOTED, environment,
                map("version", version, "from", from, "image", image(version)));
    }

    LedgerEvent rollback(final String environment, final String from, final String to, final String reason) {
        return append(EventTypes.RELEASE_ROLLED_BACK, environment,
                map("from", from, "to", to, "reason", reason, "automatic", true));
    }

    LedgerEvent markBad(final String version, final String reason) {
        return append(EventTypes.RELEASE_MARKED_BAD, null, map("version", version, "reason", reason));
    }

    LedgerEvent append(final String type, final String environment, final Map<String, Object> data) {
        return ledger.append(new EventDraft(type, actor, origin).setEnvironment(environment).setData(data)
                .setTime(T0.plusSeconds(60L * minute++)));
    }

    static Map<String, Object> image(final String version) {
        return map("repository", "registry.example/shop", "tag", version, "digest", "sha256:" + version.replace('.', 'f'));
    }

    static Map<String, Object> map(final Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A map as its JSON would be read back: the way to compare with an expected JSON text. */
    static Object normalized(final Object json) {
        return Json.parse(Json.write(json));
    }

    /** One key of every map in a JSON list: {@code column(page.get("entries"), "seq")}. */
    static List<Object> column(final Object list, final String key) {
        List<Object> values = new ArrayList<>();
        for (Object item : (List<?>) list) {
            values.add(((Map<?, ?>) item).get(key));
        }
        return values;
    }
}
