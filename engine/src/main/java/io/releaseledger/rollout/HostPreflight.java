package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks every Docker host of an environment for its version, all at once and within one time bound, before anything
 * changes: a deploy that would lose a host half-way is refused up front, with every host that failed (name, address,
 * reason and fix) in one message.
 */
public final class HostPreflight {
    /** Longer than the engine's connect timeout (10 s), so a refused or unreachable host reports its own reason. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final EnvironmentSpec environment;
    private final DeployTargets targets;
    private Duration timeout = DEFAULT_TIMEOUT;

    public HostPreflight(final EnvironmentSpec environment, final DeployTargets targets) {
        this.environment = environment;
        this.targets = targets;
    }

    /** How long all hosts together may take to answer; default {@link #DEFAULT_TIMEOUT}. */
    public HostPreflight setTimeout(final Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * @return host name → the engine's version, for every host
     * @throws DeploymentException naming every host that did not answer, and saying that nothing was changed
     */
    public Map<String, String> check() {
        Map<DockerHostSpec, CompletableFuture<String>> pings = new LinkedHashMap<>();
        for (DockerHostSpec host : environment.getHosts()) {
            // own daemon threads: a host that hangs must not hold up the others, nor the JVM's exit
            CompletableFuture<String> ping = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    ping.complete(targets.engine(host.getName()).ping());
                } catch (RuntimeException | Error e) {
                    // said at once rather than as a 20 s silence
                    ping.completeExceptionally(e);
                }
            }, "release-ledger-preflight-" + host.getName());
            thread.setDaemon(true);
            thread.start();
            pings.put(host, ping);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> versions = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        pings.forEach((host, ping) -> {
            try {
                versions.put(host.getName(), ping.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                failures.add(describe(host) + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                String bound = timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
                failures.add(describe(host) + ": it did not answer within " + bound + ". Check that dockerd runs "
                        + "there and that nothing between holds the connection open");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("Interrupted while contacting the Docker hosts of "
                        + environment.getName() + "; nothing was changed.", e);
            }
        });
        if (!failures.isEmpty()) {
            throw new DeploymentException((failures.size() == 1 ? "A Docker host" : failures.size() + " Docker hosts")
                    + " of " + environment.getName() + " cannot be used (" + failures.size() + " of "
                    + pings.size() + "): " + String.join("; ", failures)
                    + (failures.get(failures.size() - 1).endsWith(".") ? "" : ".")
                    + " Nothing was changed on any host.");
        }
        return versions;
    }

    private static String describe(final DockerHostSpec host) {
        return "host " + host.getName() + " (" + host.getUrl() + ")";
    }
}
