package io.releaseledger.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.health.CheckFactory;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From the descriptor's smokeChecks to a report: the factory, the secrets, the targets and the section's options. */
class SmokeChecksFromDescriptorTest {
    private static final String TOKEN = "tkn-0123456789abcdef";

    @TempDir
    Path directory;

    @Test
    void shouldRunAnEnvironmentsSmokeChecksAgainstOneServer() throws IOException {
        Path plugin = directory.resolve("check_queue.sh");
        Files.writeString(plugin, "#!/bin/sh\necho \"QUEUE WARNING - 120 jobs on $1 | jobs=120;100;500;0\"\nexit 1\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            String path = exchange.getRequestURI().getPath();
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (path.equals("/admin")) {
                SmokeServer.answer(exchange, 200, "admin for everyone");
            } else if (path.equals("/api") && authorized) {
                SmokeServer.answer(exchange, 200, "{\"status\":\"UP\",\"note\":\"lorem ipsum\"}");
            } else {
                SmokeServer.answer(exchange, 401, "who are you? you sent " + exchange.getRequestHeaders()
                        .getFirst("Authorization"));
            }
        })) {
            EnvironmentSpec staging = DescriptorLoader.parse("""
                    schemaVersion: 1
                    application: shop
                    image: registry:5000/shop
                    environments:
                      - name: staging
                        hosts: [unix:///var/run/docker.sock]
                        container: {ports: ["8080:80"]}
                        smokeChecks:
                          forbiddenStrings: [TODO]
                          checks:
                            - http: {url: /api, json: {/status: UP}, token: {secret: {env: SHOP_TOKEN}}}
                            - http: {url: /api, name: unauthorized api}
                            - denies: /admin
                            - command: {command: [%s, "{environment}@{address}"], warningFails: false}
                    """.formatted(plugin)).getEnvironments().get(0);
            CheckFactory factory = new CheckFactory(SecretResolver.fromEnvironment(Map.of("SHOP_TOKEN", TOKEN)))
                    .setEnvironment(staging.getName());

            SmokeReport report = SmokeChecks.from(staging.getSmokeChecks(), factory,
                    SmokeChecks.server("127.0.0.1", server.port())).call();

            List<CheckResult> results = report.getResults();
            assertThat(results).extracting(CheckResult::isPassed).containsExactly(true, false, false, true);
            assertThat(results.get(1).getActual()).isEqualTo("401 Unauthorized: who are you? you sent null");
            assertThat(results.get(2).getDetail()).isEqualTo("answered 200 OK without credentials: it must refuse");
            assertThat(results.get(3).isWarning()).isTrue();
            assertThat(results.get(3).getDetail()).isEqualTo("WARNING: QUEUE WARNING - 120 jobs on staging@127.0.0.1");
            assertThat(results.get(3).getPerfData()).extracting(Object::toString).containsExactly("jobs=120");
            assertThat(report.toTable()).contains("WARN");
            assertThat(report.toTable() + Json.write(report.toJson("1.0.0", null, "staging"))
                    + report.toJUnitXml("smoke staging")).doesNotContain(TOKEN);
        }
    }

    @Test
    void shouldTargetEveryInstanceOfTheEnvironment() {
        EnvironmentSpec production = DescriptorLoader.parse("""
                schemaVersion: 1
                application: shop
                image: registry:5000/shop
                environments:
                  - name: production
                    hosts: [tcp://10.0.0.5:2376, tcp://10.0.0.6:2376]
                    instances: {count: 2, ports: 8081-8082, containerPort: 8080}
                """).getEnvironments().get(0);

        assertThat(SmokeChecks.targets(production)).extracting(CheckTarget::toString).containsExactly(
                "10.0.0.5:8081", "10.0.0.5:8082", "10.0.0.6:8081", "10.0.0.6:8082");
    }
}
