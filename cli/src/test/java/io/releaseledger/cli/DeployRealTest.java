package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real {@code recreate} deploy through the CLI: the local busybox image, the local registry, host networking. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class DeployRealTest {
    private static final String APPLICATION = "rltest-cli";
    private static final String REPOSITORY = "127.0.0.1:5000/rltest/cli-deploy";
    private static final String CONTAINER = APPLICATION + "-dev-1";

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void deploysTheImageAndTheLedgerShowsTheVersion() throws Exception {
        docker("tag", TestImages.busyboxHttpd(), REPOSITORY + ":1.0.0");
        docker("push", REPOSITORY + ":1.0.0");
        docker("rm", "-f", CONTAINER);
        int port = FreePorts.next();
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container:\n"
                + "      network: host\n"
                + "      restart: \"no\"\n"
                + "      command: [httpd, -f, -p, \"127.0.0.1:" + port + "\", -h, /www]\n"
                + "    instances: {count: 1, ports: [" + port + "]}\n"
                + "    strategy: recreate\n"
                + "    healthGate:\n"
                + "      timeout: 20s\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /\n"
                + "        - container: {stableFor: 500ms}\n", StandardCharsets.UTF_8);
        String ledger = dir.resolve("ledgers").toString();
        try {
            Cli.Result deploy = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledger,
                    "--environment", "dev", "--version", "1.0.0", "--lock-timeout", "0", "--json");

            assertThat(deploy.exitCode).as(deploy.toString()).isZero();
            Map<String, Object> result = Json.parseObject(deploy.out);
            assertThat(result).containsEntry("version", "1.0.0").containsEntry("environment", "dev")
                    .containsEntry("dryRun", false);
            assertThat((String) result.get("digest")).startsWith("sha256:");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("release-ledger test image");

            Cli.Result status = Cli.plain().run("status", "--json", "--ledger", ledger, "--application", APPLICATION);
            assertThat(status.exitCode).as(status.toString()).isZero();
            List<Map<String, Object>> environments = (List<Map<String, Object>>) Json.parseObject(status.out)
                    .get("environments");
            assertThat(environments).hasSize(1);
            assertThat(environments.get(0)).containsEntry("name", "dev");
            assertThat((Map<String, Object>) environments.get(0).get("current")).containsEntry("version", "1.0.0");
        } finally {
            docker("rm", "-f", CONTAINER);
        }
    }

    private static void docker(final String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " timed out");
        }
    }
}
