package io.releaseledger.loadbalancer.haproxy;

import static io.releaseledger.loadbalancer.haproxy.HaproxyFixture.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.LoadBalancerException;
import io.releaseledger.loadbalancer.OperationalState;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server cycling against a real HAProxy with real traffic, all on 127.0.0.1. */
@RequiresRealComponent(Component.HAPROXY)
class HaproxyLoadBalancerTest {
    private static final int REQUESTS = 200;

    @TempDir
    private Path temp;
    private HaproxyFixture haproxy;
    private LoadBalancer loadBalancer;

    @BeforeEach
    void startHaproxy() throws Exception {
        haproxy = HaproxyFixture.start(temp);
        loadBalancer = haproxy.loadBalancer();
    }

    @AfterEach
    void stopHaproxy() {
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @Test
    void shouldListTheThreeServersReadyAndUp() {
        List<ServerState> servers = loadBalancer.servers(BACKEND);

        assertThat(servers).extracting(ServerState::getName).containsExactly("web1", "web2", "web3");
        for (ServerState server : servers) {
            assertThat(server.getAddress()).isEqualTo("127.0.0.1");
            assertThat(server.getPort()).isEqualTo(haproxy.instance(server.getName()).port());
            assertThat(server.getAdminState()).isEqualTo(AdminState.READY);
            assertThat(server.getOperationalState()).isEqualTo(OperationalState.UP);
            assertThat(server.getCurrentSessions()).isZero();
            assertThat(server.getCheckStatus()).isEqualTo("L7OK");
            assertThat(server.isServing()).isTrue();
        }
        assertThat(haproxy.send(30)).containsOnlyKeys("web1", "web2", "web3");
    }

    @Test
    void shouldSendNoNewRequestsToADrainedServerWhileItsRequestInFlightCompletes() throws Exception {
        HaproxyFixture.SlowRequest slow = haproxy.startSlowRequest();
        String drained = slow.holder().name();
        assertThat(loadBalancer.currentSessions(BACKEND, drained)).isEqualTo(1);

        loadBalancer.drain(BACKEND, drained);

        assertThat(state(drained).getAdminState()).isEqualTo(AdminState.DRAIN);
        int hitsBefore = slow.holder().hits();
        Map<String, Integer> answers = haproxy.send(REQUESTS);
        assertThat(answers).doesNotContainKey(drained);
        assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
        assertThat(answers).hasSize(2);
        assertThat(slow.holder().hits()).as("requests that reached the drained instance").isEqualTo(hitsBefore);
        assertThat(slow.isDone()).as("the request in flight is still being served").isFalse();
        assertThat(loadBalancer.currentSessions(BACKEND, drained)).isEqualTo(1);

        CompletableFuture<HttpResponse<String>> released = CompletableFuture.supplyAsync(() -> {
            sleep(300);
            try {
                return slow.release();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DrainResult result = loadBalancer.waitUntilDrained(BACKEND, drained, Duration.ofSeconds(15));

        assertThat(result.isDrained()).as(result.toString()).isTrue();
        assertThat(result.getRemainingSessions()).isZero();
        assertThat(result.getWaited()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        HttpResponse<String> response = released.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(drained);
        assertThat(loadBalancer.currentSessions(BACKEND, drained)).isZero();
    }

    @Test
    void shouldReportATimeoutWhileARequestIsHeldLongerThanTheWait() throws Exception {
        HaproxyFixture.SlowRequest slow = haproxy.startSlowRequest();
        String drained = slow.holder().name();
        loadBalancer.drain(BACKEND, drained);

        DrainResult result = loadBalancer.waitUntilDrained(BACKEND, drained, Duration.ofMillis(500));

        assertThat(result.isDrained()).isFalse();
        assertThat(result.getRemainingSessions()).isEqualTo(1);
        assertThat(result.getWaited()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(result.toString()).contains(drained, "still had 1 session");
        assertThat(slow.isDone()).isFalse();
        assertThat(slow.release().body()).isEqualTo(drained);
        assertThat(loadBalancer.waitUntilDrained(BACKEND, drained, Duration.ofSeconds(10)).isDrained()).isTrue();
    }

    @Test
    void shouldReportDrainedAtOnceWhenNothingIsInFlight() {
        loadBalancer.drain(BACKEND, "web3");

        DrainResult result = loadBalancer.waitUntilDrained(BACKEND, "web3", Duration.ofSeconds(5));

        assertThat(result.isDrained()).isTrue();
        assertThat(result.getWaited()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseToWaitForAServerThatIsStillReady() {
        assertThatThrownBy(() -> loadBalancer.waitUntilDrained(BACKEND, "web1", Duration.ofSeconds(1)))
                .isInstanceOf(LoadBalancerException.class)
                .hasMessageContaining("server 'web1' of backend 'web' is READY")
                .hasMessageContaining("set it to drain first");
    }

    @Test
    void shouldTakeAServerOutForMaintenanceAndBringItBackWithReady() {
        loadBalancer.maintenance(BACKEND, "web2");

        assertThat(state("web2").getAdminState()).isEqualTo(AdminState.MAINT);
        assertThat(haproxy.send(REQUESTS)).containsOnlyKeys("web1", "web3");

        loadBalancer.ready(BACKEND, "web2");

        assertThat(state("web2").getAdminState()).isEqualTo(AdminState.READY);
        haproxy.await("web2 to be up again", () -> state("web2").isServing());
        Map<String, Integer> answers = haproxy.send(REQUESTS);
        assertThat(answers).containsOnlyKeys("web1", "web2", "web3");
        assertThat(answers.get("web2")).isGreaterThan(REQUESTS / 6);
    }

    @Test
    void shouldBringADrainedServerBackWithReady() {
        loadBalancer.drain(BACKEND, "web1");
        assertThat(haproxy.send(60)).containsOnlyKeys("web2", "web3");

        loadBalancer.ready(BACKEND, "web1");

        assertThat(state("web1").isServing()).isTrue();
        assertThat(haproxy.send(60)).containsOnlyKeys("web1", "web2", "web3");
    }

    @Test
    void shouldMoveAServerToAnotherPortAndTrafficFollows() throws Exception {
        Instance replacement = haproxy.startInstance("web3-new");
        Instance old = haproxy.instance("web3");
        loadBalancer.maintenance(BACKEND, "web3");

        loadBalancer.setAddress(BACKEND, "web3", "127.0.0.1", replacement.port());
        loadBalancer.ready(BACKEND, "web3");

        assertThat(state("web3").getPort()).isEqualTo(replacement.port());
        assertThat(state("web3").getAddress()).isEqualTo("127.0.0.1");
        haproxy.await("web3 to be up on its new port", () -> state("web3").isServing());
        int oldHits = old.hits();
        Map<String, Integer> answers = haproxy.send(REQUESTS);
        assertThat(answers).containsOnlyKeys("web1", "web2", "web3-new");
        assertThat(answers.get("web3-new")).isGreaterThan(REQUESTS / 6);
        assertThat(old.hits()).isEqualTo(oldHits);
    }

    @Test
    void shouldAcceptTheAddressAServerAlreadyHas() {
        int port = haproxy.instance("web2").port();

        loadBalancer.setAddress(BACKEND, "web2", "127.0.0.1", port);

        assertThat(state("web2").getPort()).isEqualTo(port);
    }

    @Test
    void shouldNameTheServersWhenAServerIsUnknown() {
        String expected = "backend 'web' has no server 'web9'; servers are web1, web2, web3";
        assertThatThrownBy(() -> loadBalancer.drain(BACKEND, "web9")).isInstanceOf(LoadBalancerException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> loadBalancer.ready(BACKEND, "web9")).hasMessage(expected);
        assertThatThrownBy(() -> loadBalancer.maintenance(BACKEND, "web9")).hasMessage(expected);
        assertThatThrownBy(() -> loadBalancer.currentSessions(BACKEND, "web9")).hasMessage(expected);
        assertThatThrownBy(() -> loadBalancer.waitUntilDrained(BACKEND, "web9", Duration.ofSeconds(1)))
                .hasMessage(expected);
        assertThatThrownBy(() -> loadBalancer.setAddress(BACKEND, "web9", "127.0.0.1", 8080)).hasMessage(expected);
    }

    @Test
    void shouldNameTheBackendsWhenABackendIsUnknown() {
        String expected = "has no backend 'api'; backends are web";
        assertThatThrownBy(() -> loadBalancer.servers("api")).isInstanceOf(LoadBalancerException.class)
                .hasMessageContaining(expected).hasMessageContaining("admin.sock");
        assertThatThrownBy(() -> loadBalancer.drain("api", "web1")).hasMessageContaining(expected);
        assertThatThrownBy(() -> loadBalancer.currentSessions("api", "web1")).hasMessageContaining(expected);
        assertThatThrownBy(() -> loadBalancer.setAddress("api", "web1", "127.0.0.1", 8080))
                .hasMessageContaining(expected);
    }

    @Test
    void shouldExplainThatTheRuntimeApiNeedsLevelAdmin() {
        try (LoadBalancer operator = HaproxyLoadBalancer.overUnixSocket(haproxy.operatorSocket())) {
            assertThatThrownBy(() -> operator.drain(BACKEND, "web1")).isInstanceOf(LoadBalancerException.class)
                    .hasMessageContaining("permission denied")
                    .hasMessageContaining("stats socket " + haproxy.operatorSocket() + " mode 660 level admin");
        }
        assertThat(state("web1").getAdminState()).isEqualTo(AdminState.READY);
    }

    @Test
    void shouldSpeakTheSameOverTcp() {
        try (LoadBalancer tcp = HaproxyLoadBalancer.overTcp("127.0.0.1", haproxy.tcpApiPort())) {
            tcp.drain(BACKEND, "web2");

            assertThat(tcp.servers(BACKEND)).extracting(ServerState::getAdminState)
                    .containsExactly(AdminState.READY, AdminState.DRAIN, AdminState.READY);
            assertThat(tcp.waitUntilDrained(BACKEND, "web2", Duration.ofSeconds(5)).isDrained()).isTrue();
            assertThat(haproxy.send(30)).containsOnlyKeys("web1", "web3");
        }
    }

    @Test
    void shouldRejectAnInvalidAddressBeforeAskingHaproxy() {
        assertThatThrownBy(() -> loadBalancer.setAddress(BACKEND, "web1", "app.example", 8080))
                .isInstanceOf(LoadBalancerException.class).hasMessageContaining("IP address");
        assertThatThrownBy(() -> loadBalancer.setAddress(BACKEND, "web1", "127.0.0.1", 99999))
                .isInstanceOf(LoadBalancerException.class).hasMessageContaining("use 1 to 65535");
        assertThat(state("web1").getPort()).isEqualTo(haproxy.instance("web1").port());
    }

    private ServerState state(final String server) {
        return loadBalancer.servers(BACKEND).stream().filter(s -> s.getName().equals(server)).findFirst()
                .orElseThrow();
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
