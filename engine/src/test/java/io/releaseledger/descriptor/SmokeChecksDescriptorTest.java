package io.releaseledger.descriptor;

import static io.releaseledger.descriptor.DescriptorLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The {@code smokeChecks} section and the check kinds in the descriptor: the model read and every mistake reported. */
class SmokeChecksDescriptorTest {
    private static final String HEADER = """
            schemaVersion: 1
            application: shop
            image: registry:5000/shop
            environments:
              - name: staging
                hosts: [unix:///var/run/docker.sock]
                container: {ports: ["8080:80"]}
            """;

    /** The example of docs/release-descriptor.md, so that the documentation stays true. */
    static final String EXAMPLE = HEADER + """
                smokeChecks:
                  deadline: 2m
                  failFast: true
                  forbiddenStrings: ["lorem ipsum", "Traceback (most recent call last)", "TODO"]
                  checks:
                    - http: /health
                    - http:
                        name: cart API
                        url: https://{address}:{port}/api/cart
                        method: GET
                        headers: {Accept: application/json}
                        status: [200, 204]
                        bodyContains: ['"items"']
                        bodyMatches: ['"total":\\s*[0-9]+']
                        mustNotContain: [SQLSTATE]
                        json: {/status: UP, /items/0/count: 3}
                        headerEquals: {Cache-Control: no-store}
                        latency: 800ms
                        tls: {caFile: /etc/ssl/internal-ca.pem}
                        token: {header: Authorization, prefix: "Bearer ", secret: {env: SHOP_API_TOKEN}}
                        timeout: 5s
                        retries: 3
                        backoff: 500ms
                    - denies: /admin
                    - denies: {url: "/internal/metrics", loginPattern: "/sso/"}
                    - tcp: "{address}:5432"
                    - command:
                        command: [/usr/lib/nagios/plugins/check_disk, -w, 20%, -c, 10%, -p, /]
                        warningFails: false
                        timeout: 10s
                    - container: {healthy: true}
                    - heartbeat: {url: /cron/last-run, pointer: /invoices/lastRun, maxAge: 15m}
                    - heartbeat: {file: /var/run/shop/cleanup.stamp, maxAge: 1h}
                    - browser: {url: /, waitFor: "#app", text: Welcome, timeout: 30s, allowedConsoleErrors: [favicon]}
            """;

    @Test
    void shouldReadTheDocumentedExample() {
        EnvironmentSpec staging = DescriptorLoader.parse(EXAMPLE).getEnvironments().get(0);
        SmokeChecksSpec smoke = staging.getSmokeChecks();

        assertThat(smoke.getDeadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(smoke.isFailFast()).isTrue();
        assertThat(smoke.getForbiddenStrings()).containsExactly("lorem ipsum", "Traceback (most recent call last)",
                "TODO");
        assertThat(smoke.getChecks()).extracting(HealthCheckSpec::getType).containsExactly(HealthCheckSpec.Type.HTTP,
                HealthCheckSpec.Type.HTTP, HealthCheckSpec.Type.DENIES, HealthCheckSpec.Type.DENIES,
                HealthCheckSpec.Type.TCP, HealthCheckSpec.Type.COMMAND, HealthCheckSpec.Type.CONTAINER,
                HealthCheckSpec.Type.HEARTBEAT, HealthCheckSpec.Type.HEARTBEAT, HealthCheckSpec.Type.BROWSER);
        HttpCheckSpec cart = (HttpCheckSpec) smoke.getChecks().get(1);
        assertThat(cart.getOptions().getName()).isEqualTo("cart API");
        assertThat(cart.getOptions().getRetries()).isEqualTo(3);
        assertThat(cart.getOptions().getBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(cart.getExpectedStatuses()).containsExactly(200, 204);
        assertThat(cart.getJsonEquals()).containsExactly(Map.entry("/status", "UP"), Map.entry("/items/0/count", "3"));
        assertThat(cart.getToken().getEnvironmentVariable()).isEqualTo("SHOP_API_TOKEN");
        assertThat(cart.getTokenPrefix()).isEqualTo("Bearer ");
        assertThat(cart.getCaFile()).isEqualTo("/etc/ssl/internal-ca.pem");
        assertThat(cart.getLatency()).isEqualTo(Duration.ofMillis(800));
        CommandCheckSpec command = (CommandCheckSpec) smoke.getChecks().get(5);
        assertThat(command.getCommand()).containsExactly("/usr/lib/nagios/plugins/check_disk", "-w", "20%", "-c",
                "10%", "-p", "/");
        assertThat(command.isWarningFails()).isFalse();
        HeartbeatCheckSpec cron = (HeartbeatCheckSpec) smoke.getChecks().get(7);
        assertThat(cron.getPointer()).isEqualTo("/invoices/lastRun");
        assertThat(cron.getMaxAge()).isEqualTo(Duration.ofMinutes(15));
        BrowserCheckSpec browser = (BrowserCheckSpec) smoke.getChecks().get(9);
        assertThat(browser.getWaitFor()).isEqualTo("#app");
        assertThat(browser.getAllowedConsoleErrors()).containsExactly("favicon");
        assertThat(browser.getTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldDocumentTheSameExample() throws IOException {
        String documentation = Files.readString(Path.of("..", "docs", "release-descriptor.md"), StandardCharsets.UTF_8);

        assertThat(documentation).contains(EXAMPLE.substring(HEADER.length()));
    }

    @Test
    void shouldKeepTheDefaultsWithoutTheSection() {
        EnvironmentSpec staging = DescriptorLoader.parse(HEADER).getEnvironments().get(0);

        assertThat(staging.getSmokeChecks().getChecks()).isEmpty();
        assertThat(staging.getSmokeChecks().getForbiddenStrings()).isEqualTo(SmokeChecksSpec.DEFAULT_FORBIDDEN_STRINGS);
    }

    @Test
    void shouldReadHowManyChecksRunAtOnce() {
        EnvironmentSpec wide = DescriptorLoader.parse(HEADER + """
                smokeChecks:
                  parallelism: 200
                  checks: [http: /health]
            """).getEnvironments().get(0);
        EnvironmentSpec plain = DescriptorLoader.parse(HEADER + """
                smokeChecks:
                  checks: [http: /health]
            """).getEnvironments().get(0);

        assertThat(wide.getSmokeChecks().getParallelism()).hasValue(200);
        assertThat(plain.getSmokeChecks().getParallelism()).isEmpty(); // the run's default: all checks at once
        assertThat(problems(HEADER + """
                smokeChecks:
                  parallelism: 0
                  checks: [http: /health]
            """)).singleElement().asString().startsWith("environments[0].smokeChecks.parallelism: must be between 1 and 256");
    }

    @Test
    void shouldReportEveryMistakeWithItsPathAndLine() {
        List<String> problems = problems(HEADER + """
                smokeChecks:
                  failfast: true
                  checks:
                    - http: {url: /a, bodyMatches: ["(unclosed"], json: {status: UP}}
                    - heartbeat: {url: /cron, pointer: "/a~2b"}
                    - command: "check_disk -w 20%"
                    - command: {command: [], retries: -1}
                    - http: {url: /b, headers: {Authorization: "Bearer abc"}, token: {secret: abc}}
                    - htp: /c
                    - http: {url: "/{host}/x"}
                    - denies: {url: /admin, loginPatern: login}
            """);

        assertThat(problems).containsExactly(
                "environments[0].smokeChecks: unknown key 'failfast'; did you mean 'failFast'? (line 9, column 7)",
                "environments[0].smokeChecks.checks[0].http.bodyMatches: '(unclosed' is not a valid regular "
                        + "expression: Unclosed group near index 9 (line 11, column 40)",
                "environments[0].smokeChecks.checks[0].http.json.status: 'status' is not a JSON Pointer: write "
                        + "/field/0/name, with ~1 for / and ~0 for ~ in names (line 11, column 62)",
                "environments[0].smokeChecks.checks[1].heartbeat.maxAge: is required; how old the heartbeat may be, "
                        + "such as 10m (line 12, column 22)",
                "environments[0].smokeChecks.checks[1].heartbeat.pointer: '/a~2b' is not a JSON Pointer: write "
                        + "/field/0/name, with ~1 for / and ~0 for ~ in names (line 12, column 44)",
                "environments[0].smokeChecks.checks[2].command: write the program and its arguments as a list, such as "
                        + "[check_http, -H, '{address}']; a command is never run through a shell (line 13, column 20)",
                "environments[0].smokeChecks.checks[3].command.command: give at least the program (line 14, column 30)",
                "environments[0].smokeChecks.checks[3].command.retries: must be between 0 and 20, found -1 "
                        + "(line 14, column 43)",
                "environments[0].smokeChecks.checks[4].http.headers.Authorization: header 'Authorization' carries a "
                        + "secret; use token: {header: Authorization, secret: {env: VAR}} or basicAuth (line 15, column 36)",
                "environments[0].smokeChecks.checks[4].http.token.secret: a secret is written inline; it must be a "
                        + "reference: {credentialsId: …} (Jenkins) or {env: VAR} (CLI), never the value "
                        + "(line 15, column 83)",
                "environments[0].smokeChecks.checks[5]: unknown check 'htp'; did you mean 'http'?; use http, denies, "
                        + "tcp, command, container, heartbeat, browser or drift (line 16, column 11)",
                "environments[0].smokeChecks.checks[6].http.url: unknown placeholder {host}; use {address}, {port}, "
                        + "{environment} (line 17, column 23)",
                "environments[0].smokeChecks.checks[7].denies: unknown key 'loginPatern'; did you mean "
                        + "'loginPattern'? (line 18, column 33)");
    }

    @Test
    void shouldLetTheHealthGateUseTheCommandCheckButNotRetries() {
        assertThat(problems(HEADER + """
                healthGate:
                  checks:
                    - command: {command: [/opt/check_app, "{address}", "{port}"], retries: 2}
                    - denies: /admin
            """)).containsExactly(
                "environments[0].healthGate.checks[0].command: unknown key 'retries' (line 10, column 71)",
                "environments[0].healthGate.checks[1]: unknown check 'denies'; use http, tcp, container or command "
                        + "(line 11, column 11)");
    }

    @Test
    void shouldReadTheDriftCheckShortAndLongAndOnlyInSmokeChecks() {
        SmokeChecksSpec smoke = DescriptorLoader.parse(HEADER + """
                smokeChecks:
                  checks:
                    - drift
                    - drift: {name: as recorded, retries: 2, backoff: 1s, timeout: 20s}
            """).getEnvironments().get(0).getSmokeChecks();

        assertThat(smoke.getChecks()).extracting(HealthCheckSpec::getType).containsExactly(HealthCheckSpec.Type.DRIFT,
                HealthCheckSpec.Type.DRIFT);
        CheckOptions options = smoke.getChecks().get(1).getOptions();
        assertThat(options.getName()).isEqualTo("as recorded");
        assertThat(options.getRetries()).isEqualTo(2);
        assertThat(options.getTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldRefuseTheDriftCheckInAHealthGateAndUnknownKeys() {
        assertThat(problems(HEADER + """
                healthGate:
                  checks:
                    - drift
                smokeChecks:
                  checks:
                    - drift: {registry: false}
            """)).containsExactly(
                "environments[0].healthGate.checks[0]: the drift check compares the environment with the ledger, "
                        + "which a deploy changes while its gate runs; put it in smokeChecks, not in healthGate "
                        + "(line 10, column 11)",
                "environments[0].smokeChecks.checks[0].drift: unknown key 'registry' (line 13, column 19)");
    }
}
