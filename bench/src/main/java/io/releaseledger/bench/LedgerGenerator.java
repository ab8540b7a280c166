package io.releaseledger.bench;

import io.releaseledger.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a ledger journal directly, hash chain included (as docs/releases-api.md defines it): releases tagged
 * with three commits each (with their commit times), then deployed through the environments in order (started, succeeded or now and
 * then failed, check recorded), a rollback and a bad release now and then. One build number per release.
 *   java … LedgerGenerator DIR EVENTS ENVIRONMENTS
 */
public final class LedgerGenerator {
    private static final String[] KINDS = {"feat", "fix", "chore", "refactor", "perf"};

    /** The fixed key a keyed bench ledger is sealed with (a benchmark, not a secret). */
    static final byte[] BENCH_KEY = "release-ledger bench key, 32 by".getBytes(StandardCharsets.US_ASCII);

    private final BufferedWriter out;
    private final MessageDigest sha256;
    private final javax.crypto.Mac mac;
    private final String keyId;
    private long sequence;
    private String previous = "0".repeat(64);
    private final long limit;
    private Instant time = Instant.parse("2021-01-04T08:00:00Z");

    private LedgerGenerator(final BufferedWriter out, final long limit, final boolean keyed)
            throws java.security.GeneralSecurityException {
        this.out = out;
        this.limit = limit;
        this.sha256 = MessageDigest.getInstance("SHA-256");
        if (keyed) {
            mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(BENCH_KEY, "HmacSHA256"));
            keyId = io.releaseledger.ledger.LedgerKey.of(BENCH_KEY).getId();
        } else {
            mac = null;
            keyId = null;
        }
    }

    public static void main(final String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        int environments = Integer.parseInt(args[2]);
        generate(directory, events, environments, args.length > 3 && "keyed".equals(args[3]));
    }

    /** {@code keyed}: every event sealed with {@link #BENCH_KEY}, as docs/releases-api.md defines the seal. */
    static void generate(final Path directory, final long events, final int environments, final boolean keyed)
            throws Exception {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve("checkpoint.bin"));
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("events.jsonl"), StandardCharsets.US_ASCII)) {
            new LedgerGenerator(out, events, keyed).run(environments);
        }
    }

    private void run(final int environments) throws IOException {
        String previousVersion = null;
        for (int release = 1; sequence < limit; release++) {
            String version = (release / 400 + 1) + "." + (release / 20 % 20) + "." + release % 20;
            String commit = hex(release, 40);
            int build = 1000 + release;
            List<Object> commits = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int issue = release * 3 + c;
                commits.add(map("id", hex(release * 7919L + c, 40), "subject", KINDS[issue % KINDS.length]
                        + ": change " + issue + (issue % 2 == 0 ? " (#" + issue + ")" : " SHOP-" + issue),
                        "time", time.minusSeconds(600L * (c + 1) + issue % 3600).toString()));
            }
            emit("version.tagged", null, release, build, map("version", version, "tag", "v" + version,
                    "commit", commit, "previousVersion", previousVersion, "repositoryUrl", "https://git.example/shop",
                    "commits", commits));
            for (int e = 0; e < environments && sequence < limit; e++) {
                String environment = "env-" + e;
                String deployment = "d-" + release + "-" + e;
                Map<String, Object> image = map("repository", "registry.example/shop", "tag", version,
                        "digest", "sha256:" + hex(release * 31L + e, 64));
                emit("deployment.started", environment, release, build, map("deploymentId", deployment,
                        "version", version, "commit", commit, "hosts", List.of("web-1", "web-2"), "image", image,
                        "strategy", "rolling", "configuration", map("DB_URL", hex(e, 64))));
                if (release % 101 == e * 10) {
                    emit("deployment.failed", environment, release, build, map("deploymentId", deployment,
                            "version", version, "reason", "health check timed out"));
                    break;
                }
                emit("deployment.succeeded", environment, release, build,
                        map("deploymentId", deployment, "version", version));
                boolean passed = release % 997 != e * 99;
                emit("check.recorded", environment, release, build, map("version", version, "deploymentId", deployment,
                        "passed", passed, "results", List.of(map("name", "home", "kind", "http", "passed", passed,
                                "detail", passed ? "200 OK" : "503", "millis", 40L + e))));
                if (!passed) {
                    emit("release.rolledback", environment, release, build, map("from", version,
                            "to", previousVersion, "reason", "smoke check failed", "automatic", true));
                    emit("release.marked-bad", null, release, build, map("version", version, "reason", "check failed"));
                    break;
                }
            }
            previousVersion = version;
        }
    }

    private void emit(final String type, final String environment, final int release, final int build,
            final Map<String, Object> data) throws IOException {
        if (sequence >= limit) {
            return;
        }
        sequence++;
        time = time.plusSeconds(60);
        int user = release % 20;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", 1);
        json.put("seq", sequence);
        json.put("type", type);
        json.put("at", time.toString());
        json.put("application", "bench");
        if (environment != null) {
            json.put("environment", environment);
        }
        json.put("actor", map("id", "user" + user, "name", "User Number " + user));
        json.put("origin", map("kind", "jenkins", "job", "shop/main", "build", build,
                "url", "https://ci.example/job/shop/job/main/" + build + "/", "changeRequest", false));
        json.put("data", data);
        json.put("prev", previous);
        String canonical = Json.writeAscii(json);
        if (mac != null) {
            json.put("key", keyId);
            String unsealed = Json.writeAscii(json);
            String seal = HexFormat.of().formatHex(mac.doFinal(unsealed.getBytes(StandardCharsets.UTF_8)));
            canonical = unsealed.substring(0, unsealed.length() - 1) + ",\"mac\":\"" + seal + "\"}";
        }
        previous = HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        out.write(canonical, 0, canonical.length() - 1);
        out.write(",\"hash\":\"");
        out.write(previous);
        out.write("\"}\n");
    }

    private static String hex(final long seed, final int length) {
        StringBuilder text = new StringBuilder();
        long value = seed * 0x9E3779B97F4A7C15L;
        while (text.length() < length) {
            value = value * 6364136223846793005L + 1442695040888963407L;
            text.append(String.format("%016x", value));
        }
        return text.substring(0, length);
    }

    private static Map<String, Object> map(final Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
