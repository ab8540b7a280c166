package io.releaseledger.loadbalancer.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.OperationalState;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Swarm deployer's order of load-balancer calls rests on (docs/swarm.md, two port sets): HAProxy counts a
 * checked server that leaves maintenance UP at once, before any check, so a server made ready where nothing listens
 * yet takes requests until its next check fails; a drained server made ready keeps what its checks found. The check
 * interval here is long, so the window is certain.
 */
@RequiresRealComponent(Component.HAPROXY)
class LeavingMaintenanceTest {
    @TempDir
    Path temp;

    private Process haproxy;

    @AfterEach
    void stopHaproxy() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldCountAServerThatLeavesMaintenanceUpBeforeItsFirstCheck() throws Exception {
        try (HaproxyLoadBalancer lb = startWithTheServerDown()) {
            lb.maintenance("be", "idle");
            assertThat(state(lb).getAdminState()).isEqualTo(AdminState.MAINT);
            lb.ready("be", "idle");

            ServerState ready = state(lb);
            assertThat(ready.getAdminState()).isEqualTo(AdminState.READY);
            assertThat(ready.getOperationalState()).as("nothing listens on its port, no check ran since: %s", ready)
                    .isEqualTo(OperationalState.UP);
            assertThat(ready.isServing()).isTrue();
        }
    }

    /** The rolling deploy drains a server, not maintenance: made ready again it keeps what its checks found. */
    @Test
    void shouldKeepADrainedServerDownWhenItIsMadeReady() throws Exception {
        try (HaproxyLoadBalancer lb = startWithTheServerDown()) {
            lb.drain("be", "idle");
            assertThat(state(lb).getAdminState()).isEqualTo(AdminState.DRAIN);
            lb.ready("be", "idle");

            ServerState ready = state(lb);
            assertThat(ready.getAdminState()).isEqualTo(AdminState.READY);
            assertThat(ready.getOperationalState()).as("%s", ready).isEqualTo(OperationalState.DOWN);
            assertThat(ready.isServing()).isFalse();
        }
    }

    /** HAProxy with one checked server {@code be/idle} where nothing listens, once its first check failed. */
    private HaproxyLoadBalancer startWithTheServerDown() throws IOException, InterruptedException {
        Path socket = temp.resolve("admin.sock");
        start(socket, "  server idle 127.0.0.1:" + FreePorts.next() + " check inter 10s fall 1 rise 1\n");
        HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(socket);
        await(() -> state(lb).getOperationalState() == OperationalState.DOWN, "the first check to fail");
        return lb;
    }

    private static ServerState state(final HaproxyLoadBalancer lb) {
        return lb.servers("be").get(0);
    }

    private void start(final Path socket, final String server) throws IOException, InterruptedException {
        Path config = temp.resolve("haproxy.cfg");
        Files.writeString(config, "global\n"
                + "  stats socket " + socket + " mode 600 level admin\n"
                + "defaults\n"
                + "  mode http\n"
                + "  timeout connect 2s\n"
                + "  timeout client 5s\n"
                + "  timeout server 5s\n"
                + "backend be\n"
                + "  option httpchk GET /health\n"
                + server, StandardCharsets.UTF_8);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("haproxy.log").toFile()).start();
        await(() -> Files.exists(socket), "HAProxy's runtime API");
    }

    private void await(final java.util.function.BooleanSupplier condition, final String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + "; HAProxy's log: "
                        + Files.readString(temp.resolve("haproxy.log"), StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }
}
