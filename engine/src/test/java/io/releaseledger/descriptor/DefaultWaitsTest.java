package io.releaseledger.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * docs/waits.md writes down every default wait of the descriptor: each row must show the value a descriptor that
 * leaves it out really gets, so that a changed default fails here until the page says it.
 */
class DefaultWaitsTest {
    private static final Path PAGE = Path.of("..", "docs", "waits.md");

    private static final String MINIMAL = """
            schemaVersion: 1
            application: hello
            image: localhost:5000/hello
            environments:
              - name: dev
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                instances: {count: 2, ports: 8081-8082}
                loadBalancer: {runtimeApi: 127.0.0.1:9999, backend: hello}
                smokeChecks:
                  checks:
                    - http: /health
                    - command: [/bin/true]
                    - browser: /
              - name: prod
                hosts: [unix:///var/run/docker.sock]
                container: {network: host}
                instances: {count: 1, ports: [9081]}
                healthGate:
                  checks:
                    - container
            """;

    @Test
    void shouldWriteDownTheDefaultsADescriptorGets() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        ReleaseDescriptor descriptor = DescriptorLoader.parse(MINIMAL);
        EnvironmentSpec dev = descriptor.getEnvironment("dev").orElseThrow();
        SmokeChecksSpec smoke = dev.getSmokeChecks();
        CheckOptions http = smoke.getChecks().get(0).getOptions();
        ContainerCheckSpec container = (ContainerCheckSpec) descriptor.getEnvironment("prod").orElseThrow()
                .getHealthGate().getChecks().get(0);

        assertThat(page)
                .contains(row("health gate: how long a new instance has to pass every check", dev.getHealthGate().getTimeout()))
                .contains(row("health gate: pause between rounds of checks", dev.getHealthGate().getInterval()))
                .contains(row("`container` check: how long the container must run without a restart", container.getStableFor()))
                .contains(row("one `http`, `tcp`, `denies` or `heartbeat` check attempt", http.getTimeout()))
                .contains(row("one `command` check", smoke.getChecks().get(1).getOptions().getTimeout()))
                .contains(row("one `browser` check (the page, after Chromium is up)", smoke.getChecks().get(2).getOptions().getTimeout()))
                .contains(row("drain: a server's sessions reaching zero before it is replaced anyway", dev.getLoadBalancer().getDrainTimeout()))
                .contains(row("the whole run", smoke.getDeadline()))
                .contains("| retries of a failed check | none (" + http.getRetries() + ") |")
                .contains("| pause before a retry | " + text(http.getBackoff()) + ", doubling after each |");
    }

    private static String row(final String wait, final Duration value) {
        return "| " + wait + " | " + text(value) + " |";
    }

    /** As the page writes durations: 250 ms, 5 s, 60 s, 2 min. */
    private static String text(final Duration value) {
        if (value.toMillis() < 1000 || value.toMillis() % 1000 != 0) {
            return value.toMillis() + " ms";
        }
        if (value.getSeconds() < 120 || value.getSeconds() % 60 != 0) {
            return value.getSeconds() + " s";
        }
        return value.toMinutes() + " min";
    }
}
