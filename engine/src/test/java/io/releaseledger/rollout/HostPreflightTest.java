package io.releaseledger.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.loadbalancer.LoadBalancer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** {@link HostPreflight}: every host asked, every failure named, a hanging host bounded. */
class HostPreflightTest {
    private static final EnvironmentSpec FLEET = DescriptorLoader.parse("""
            schemaVersion: 1
            application: shop
            image: registry.example.com/shop
            environments:
              - name: fleet
                hosts:
                  - {url: "tcp://10.0.0.1:2376", name: a}
                  - {url: "tcp://10.0.0.2:2376", name: b}
                  - {url: "tcp://10.0.0.3:2376", name: c}
                container: {network: host}
                instances: {count: 1, ports: [8080]}
            """, "release-ledger.yaml").getEnvironment("fleet").orElseThrow();

    @Test
    void shouldReturnTheVersionOfEveryHost() {
        Map<String, String> versions = new HostPreflight(FLEET, targets(Map.of(
                "a", () -> "27.0", "b", () -> "26.1", "c", () -> "20.10"))).check();

        assertThat(versions).containsExactly(Map.entry("a", "27.0"), Map.entry("b", "26.1"), Map.entry("c", "20.10"));
    }

    @Test
    void shouldNameEveryHostThatFailsNotOnlyTheFirst() {
        HostPreflight preflight = new HostPreflight(FLEET, targets(Map.of(
                "a", () -> {
                    throw new ContainerEngineException("cannot reach the Docker engine at tcp://10.0.0.1:2376 (TLS)");
                },
                "b", () -> "26.1",
                "c", () -> {
                    throw new ContainerEngineException("the engine refused the TLS handshake");
                })));

        assertThatThrownBy(preflight::check).isInstanceOf(DeploymentException.class)
                .hasMessage("2 Docker hosts of fleet cannot be used (2 of 3): host a (tcp://10.0.0.1:2376): cannot "
                        + "reach the Docker engine at tcp://10.0.0.1:2376 (TLS); host c (tcp://10.0.0.3:2376): the "
                        + "engine refused the TLS handshake. Nothing was changed on any host.");
    }

    @Test
    void shouldGiveUpOnAHostThatDoesNotAnswerWithinTheBound() {
        CountDownLatch never = new CountDownLatch(1);
        HostPreflight preflight = new HostPreflight(FLEET, targets(Map.of(
                "a", () -> "27.0",
                "b", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "never";
                },
                "c", () -> "20.10"))).setTimeout(Duration.ofMillis(300));

        assertThatThrownBy(preflight::check).isInstanceOf(DeploymentException.class)
                .hasMessageStartingWith("A Docker host of fleet cannot be used (1 of 3): host b (tcp://10.0.0.2:2376): "
                        + "it did not answer within 300 ms")
                .hasMessageEndingWith("Nothing was changed on any host.");
        never.countDown();
    }

    @Test
    void shouldReportAnErrorInAPingAtOnceNotAsASilenceOfTheWholeBound() {
        HostPreflight preflight = new HostPreflight(FLEET, targets(Map.of(
                "a", () -> "27.0",
                "b", () -> {
                    throw new NoClassDefFoundError("com/github/dockerjava/transport/DockerHttpClient");
                },
                "c", () -> "20.10"))).setTimeout(Duration.ofSeconds(60));

        long start = System.nanoTime();
        assertThatThrownBy(preflight::check).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("host b (tcp://10.0.0.2:2376): com/github/dockerjava/transport/DockerHttpClient")
                .hasMessageNotContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the 60 s bound")
                .isLessThan(Duration.ofSeconds(30));
    }

    private static DeployTargets targets(final Map<String, Supplier<String>> pings) {
        return new DeployTargets() {
            @Override
            public ContainerEngine engine(final String host) {
                return new PingOnlyEngine(pings.get(host));
            }

            @Override
            public LoadBalancer loadBalancer() {
                return null;
            }

            @Override
            public void close() {
                // nothing opened
            }
        };
    }
}
