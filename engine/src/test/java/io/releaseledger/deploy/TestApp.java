package io.releaseledger.deploy;

import io.releaseledger.registry.DockerCli;
import io.releaseledger.testing.TestImages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test application: images built from the local busybox image, each serving {@code /version} and (when healthy)
 * {@code /health} on {@code 127.0.0.1:$PORT}, pushed to the local registry and removed from the engine again so that
 * a deploy has to pull them by digest. Built once per JVM.
 */
final class TestApp {
    static final String APPLICATION = "rltest-deploy";
    static final String REPOSITORY = "127.0.0.1:5000/rltest/deploy-app";
    /** Serves /health. */
    static final String V1 = "1.0.0";
    static final String V2 = "1.1.0";
    /** Serves /health: a third healthy release, so one run can update twice (start-first after stop-first). */
    static final String V3 = "1.4.0";
    /** Runs, but /health answers 404. */
    static final String UNHEALTHY = "1.2.0";
    /** Exits at once with code 3. */
    static final String EXITS = "1.3.0";

    private static final Map<String, String> DIGESTS = new LinkedHashMap<>();

    private TestApp() {
    }

    static synchronized String digest(final String version) {
        if (DIGESTS.isEmpty()) {
            String base = TestImages.busyboxHttpd();
            build(base, V1, true, false);
            build(base, V2, true, false);
            build(base, V3, true, false);
            build(base, UNHEALTHY, false, false);
            build(base, EXITS, true, true);
        }
        return DIGESTS.get(version);
    }

    private static void build(final String base, final String version, final boolean healthy, final boolean exits) {
        try {
            Path dir = Files.createTempDirectory("rltest-image");
            Files.createDirectories(dir.resolve("www"));
            Files.writeString(dir.resolve("www/version"), version + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("www/index.html"), "app " + version + "\n", StandardCharsets.UTF_8);
            if (healthy) {
                Files.writeString(dir.resolve("www/health"), "ok\n", StandardCharsets.UTF_8);
            }
            // The shell stays PID 1 and ends on SIGTERM (a PID 1 without a handler ignores it, and every stop would
            // wait out the stop timeout); ending PID 1 ends httpd with it.
            String command = exits ? "echo 'config missing'; exit 3"
                    : "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:$PORT -h /www & wait";
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\nCOPY www /www\n"
                    + "LABEL app.version=" + version + "\nCMD [\"sh\", \"-c\", \"" + command + "\"]\n",
                    StandardCharsets.UTF_8);
            String local = "rltest-build/deploy-app:" + version;
            DockerCli.check("build", "-q", "-t", local, dir.toString());
            DIGESTS.put(version, DockerCli.push(local, REPOSITORY, version));
            DockerCli.run("rmi", local, REPOSITORY + ":" + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
