package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.releaseledger.json.Json;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo.sh} ({@code ./release-ledger demo}) end to end on the real components: the whole story, the
 * page it serves, a second run that reuses what is there, and {@code --stop} removing what it started. It runs the
 * CLI from this module's classes (not a jar), with its own directory, ports and application name, so it never
 * meets a user's demo. No timing is asserted; every wait is generous for a busy 2-core machine.
 */
class DemoScriptTest {
    private static final String APPLICATION = "rltest-demo";
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(20);
    /** What `./release-ledger demo` runs: the launcher, the demo, the services script and what both scripts source. */
    private static final List<String> LAUNCHER_FILES = List.of("release-ledger", "scripts/demo.sh",
            "scripts/test-services.sh", "scripts/processes.sh");

    @TempDir
    Path dir;

    @Test
    @RequiresRealComponent({Component.GIT, Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
    @SuppressWarnings("unchecked")
    void shouldRunTheWholeStoryServeThePageAndStopWhatItStarted() throws Exception {
        assumeThat(isRoot()).as("the demo needs root (it may install packages and start services)").isTrue();
        Path demo = dir.resolve("demo");
        // the demo's ports: page +0, frontends +1 +2, staging +11 +12, production +21 +22
        int base = FreePorts.nextBelowWithOffsets(65_500, 1, 2, 11, 12, 21, 22); // demo.sh takes up to 65500
        try {
            Run first = run(demo, base);

            assertThat(first.exitCode).as(first.output).isZero();
            assertThat(first.output).contains("Releases page: http://127.0.0.1:" + base + "/")
                    .contains("Created tag v1.1.0")
                    .contains("tagged v1.1.1")
                    .contains("Rolled staging back to 1.1.0")
                    .containsPattern("during the promotion: [1-9][0-9]* requests served, [0-9]+ failed")
                    .as("as root without sudo (a minimal Debian has none), the hint is the bare command")
                    .contains("Stop and remove it all: ./release-ledger demo --stop");
            Map<String, Object> state = Json.parseObject(get("http://127.0.0.1:" + base + "/api/state"));
            List<Map<String, Object>> environments = (List<Map<String, Object>>) state.get("environments");
            assertThat(environments).extracting(e -> e.get("name")).containsExactly("staging", "production");
            assertThat(environments).extracting(e -> ((Map<String, Object>) e.get("current")).get("version"))
                    .containsExactly("1.1.0", "1.1.0");
            assertThat((List<Map<String, Object>>) state.get("badReleases")).extracting(b -> b.get("version"))
                    .containsExactly("1.1.1");
            assertThat(Files.readString(demo.resolve("traffic.result"))).matches("served=[1-9][0-9]* failed=[0-9]+\\s*");

            Run second = run(demo, base);

            assertThat(second.exitCode).as(second.output).isZero();
            assertThat(second.output).contains("HAProxy already runs")
                    .contains("image 127.0.0.1:5000/release-ledger-demo/" + APPLICATION + ":1.1.0 already built and pushed");
        } finally {
            Run stop = run(demo, base, "--stop");
            assertThat(stop.exitCode).as(stop.output).isZero();
        }
        assertThat(demo).doesNotExist();
        assertThat(docker("ps", "-aq", "--filter", "label=io.releaseledger.application=" + APPLICATION)).isBlank();
        assertThat(docker("images", "-q", "127.0.0.1:5000/release-ledger-demo/" + APPLICATION)).isBlank();
        assertThat(portAnswers(base)).as("the page server stopped").isFalse();
        assertThat(portAnswers(base + 2)).as("HAProxy stopped").isFalse();
        assertThat(docker("version", "--format", "{{.Server.Version}}")).as("Docker was running before: left running")
                .isNotBlank();
    }

    @Test
    void shouldSayToUseSudoWhenNotRootThroughTheLauncher() throws Exception {
        assumeThat(isRoot() && new File("/usr/bin/setpriv").canExecute())
                .as("runs the script as nobody with setpriv, which needs root").isTrue();
        Path demo = dir.resolve("demo");
        // A copy of the launcher and the script that nobody can reach: the checkout may sit in a directory only root
        // can enter (mktemp -d makes them 0700), which would test the file system instead of the script.
        Path checkout = Files.createTempDirectory("release-ledger-launcher");
        Files.createDirectories(checkout.resolve("scripts"));
        for (String file : LAUNCHER_FILES) {
            Files.copy(ROOT.resolve(file), checkout.resolve(file));
            Files.setPosixFilePermissions(checkout.resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(checkout.resolve("scripts"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Through the launcher: `demo` is routed to the script before any jar is looked for or built.
        List<String> command = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "bash", checkout.resolve("release-ledger").toString(), "demo");

        Run run;
        try {
            run = exec(command, Map.of("RELEASE_LEDGER_DEMO_DIR", demo.toString()));
        } finally {
            for (String file : LAUNCHER_FILES) {
                Files.deleteIfExists(checkout.resolve(file));
            }
            Files.deleteIfExists(checkout.resolve("scripts"));
            Files.deleteIfExists(checkout);
        }

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("needs root").contains("sudo ./release-ledger demo");
        assertThat(demo).doesNotExist();
    }

    private Run run(final Path demo, final int base, final String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/demo.sh").toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>();
        environment.put("RELEASE_LEDGER_DEMO_DIR", demo.toString());
        environment.put("RELEASE_LEDGER_DEMO_PORT_BASE", Integer.toString(base));
        environment.put("RELEASE_LEDGER_DEMO_APPLICATION", APPLICATION);
        environment.put("RELEASE_LEDGER_DEMO_CLI", cliScript().toString());
        environment.put("SUDO_USER", ""); // root itself, as on a fresh Debian without sudo, even when Maven runs under sudo
        return exec(command, environment);
    }

    /**
     * A release-ledger program that runs this module's classes: the jar may not be built yet in a Maven test run. It
     * runs java as its child rather than exec'ing it, as the launcher does while it makes the class archive, so that
     * {@code --stop} must stop the java behind the pid it recorded.
     */
    private Path cliScript() throws IOException {
        Path script = dir.resolve("release-ledger");
        if (!Files.exists(script)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(script, "#!/bin/sh\n'" + java + "' -cp '" + classpath + "' io.releaseledger.cli.Main"
                    + " \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return script;
    }

    private Run exec(final List<String> command, final Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile(dir, "demo", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the demo did not finish within " + RUN_LIMIT + ":\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor(30, TimeUnit.SECONDS);
        return "0".equals(out);
    }

    private static boolean portAnswers(final int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String get(final String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String docker(final String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    /** The exit code and the output (stdout and stderr together) of one run of the script. */
    private static final class Run {
        final int exitCode;
        final String output;

        Run(final int exitCode, final String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
