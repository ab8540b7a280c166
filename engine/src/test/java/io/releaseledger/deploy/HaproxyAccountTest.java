package io.releaseledger.deploy;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyAccountTest {
    /** Lines as HAProxy 2.6 wrote them with the test HAProxy's configuration (its 503s came from a server down). */
    private static final String EARLY_DOWN = "2026-12-06T11:16:20.102345+00:00 Server app/local-2 is DOWN, reason: "
            + "Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0 backup "
            + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private static final String RETRIED_ELSEWHERE = "2026-12-06T11:16:36.349625+00:00 127.0.0.1:33184 "
            + "[06/Dec/2026:11:16:36.349] fe app/local-2 0/0/0/1/1 200 180 - - ---- 1/1/0/0/+1 0/0 "
            + "\"GET /version HTTP/1.1\"";
    private static final String DOWN = "2026-12-06T11:16:36.491125+00:00 Server app/local-1 is DOWN, reason: Layer4 "
            + "connection problem, info: \"Connection refused\", check duration: 0ms. 0 active and 0 backup servers "
            + "left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    private static final String NO_SERVER = "2026-12-06T11:16:37.375731+00:00 127.0.0.1:33188 "
            + "[06/Dec/2026:11:16:37.375] fe app/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "
            + "\"GET /version HTTP/1.1\"";
    private static final String CUT_OFF = "2026-12-06T11:16:37.397052+00:00 127.0.0.1:33190 "
            + "[06/Dec/2026:11:16:37.397] fe app/local-1 0/0/0/-1/3 -1 0 - - SD-- 1/1/0/0/0 0/0 "
            + "\"GET /version HTTP/1.1\"";
    private static final String LATE_UP = "2026-12-06T11:16:40.001000+00:00 Server app/local-1 is UP, reason: "
            + "Layer7 check passed, code: 200, check duration: 1ms. 1 active and 0 backup servers online. 0 sessions "
            + "requeued, 0 total in queue.";

    @TempDir
    Path temp;

    @Test
    void shouldTellFailedRequestsFromRetriedOnesAndServerEvents() throws Exception {
        Path log = Files.write(temp.resolve("requests.log"),
                List.of(EARLY_DOWN, RETRIED_ELSEWHERE, DOWN, NO_SERVER, CUT_OFF, LATE_UP), StandardCharsets.UTF_8);
        HaproxyAccount account = new HaproxyAccount(log);

        assertThat(account.failedRequests()).containsExactly(NO_SERVER, CUT_OFF);
        assertThat(account.abnormalRequests()).containsExactly(RETRIED_ELSEWHERE, NO_SERVER, CUT_OFF);
        assertThat(account.serverEvents()).containsExactly(EARLY_DOWN, DOWN, LATE_UP);
        assertThat(account.toString()).contains("2 failed requests [" + NO_SERVER + ", " + CUT_OFF + "]",
                "1 more request retried or redispatched",
                "server events from 5 s before the first failure to 1 s after the last [" + DOWN + "]");
    }

    @Test
    void shouldSayNothingWentWrongWithoutALog() {
        HaproxyAccount account = new HaproxyAccount(temp.resolve("missing.log"));

        assertThat(account.failedRequests()).isEmpty();
        assertThat(account.toString()).contains("0 failed requests []", "server events []");
    }

    @Test
    void shouldDescribeOneReadingOfALogThatGrowsMeanwhile() {
        List<List<String>> readings = List.of(List.of(DOWN, NO_SERVER), List.of(DOWN, NO_SERVER, RETRIED_ELSEWHERE),
                List.of(DOWN, NO_SERVER, RETRIED_ELSEWHERE, LATE_UP));
        AtomicInteger reads = new AtomicInteger();
        HaproxyAccount account = new HaproxyAccount(temp.resolve("requests.log"),
                file -> readings.get(Math.min(reads.getAndIncrement(), readings.size() - 1)));

        String told = account.toString();

        assertThat(reads).as("reads of the log").hasValue(1);
        assertThat(told).contains("1 failed request [" + NO_SERVER + "]", "0 more requests retried or redispatched",
                "to 1 s after the last [" + DOWN + "]");
    }

    /** The test HAProxy's own configuration: normal requests stay out of its log, a 503 goes in with its state. */
    @Test
    @RequiresRealComponent(Component.HAPROXY)
    void shouldLogTheTestHaproxysNoServer503AndNotItsNormalRequests() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (DeployHaproxy haproxy = new DeployHaproxy(temp, List.of(server.getAddress().getPort()))) {
            haproxy.awaitAllServing();

            assertThat(get(haproxy)).isEqualTo(200);
            server.stop(0);
            awaitDown(haproxy);
            assertThat(get(haproxy)).isEqualTo(503);

            List<String> failed = awaitFailed(haproxy.account());
            assertThat(failed).singleElement().asString().contains(" fe app/<NOSRV> ", " 503 ", " SC-- ",
                    "\"GET /version HTTP/1.1\"");
            assertThat(haproxy.account().abnormalRequests()).as("the 200 is not logged").hasSize(1);
            assertThat(haproxy.account().serverEvents())
                    .anyMatch(line -> line.contains(" Server app/local-1 is DOWN, "));
        } finally {
            server.stop(0);
        }
    }

    private static int get(final DeployHaproxy haproxy) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + haproxy.frontendPort() + "/version")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitDown(final DeployHaproxy haproxy) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (haproxy.servers().stream().anyMatch(io.releaseledger.loadbalancer.ServerState::isServing)) {
            assertThat(System.nanoTime()).as("local-1 DOWN within 10 s: %s", haproxy.servers()).isLessThan(deadline);
            DeployHaproxy.sleep(50);
        }
    }

    /** HAProxy writes a request's line when the request ends, which may be just after the client has the answer. */
    private static List<String> awaitFailed(final HaproxyAccount account) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (account.failedRequests().isEmpty() && System.nanoTime() < deadline) {
            DeployHaproxy.sleep(20);
        }
        return account.failedRequests();
    }
}
