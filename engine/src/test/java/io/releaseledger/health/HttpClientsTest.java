package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The clients the checks of a run share: handed out in turn per setting, a JDK client only where one is used. */
class HttpClientsTest {
    @Test
    void shouldBuildNoJdkClientForARunOfPlainHttpChecks() throws Exception {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange,
                exchange.getRequestURI().getPath().equals("/admin") ? 401 : 200, "UP"))) {
            long builtBefore = CheckClient.builtInProcess();
            HttpClients clients = new HttpClients();
            List<HealthCheck> checks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                checks.add(new HttpCheck("/health/" + i).setBodyContains("UP").shareClient(clients));
            }
            checks.add(new HttpCheck("/health").setTimeout(Duration.ofSeconds(4))); // a client of its own
            checks.add(new DeniesCheck("/admin"));

            for (HealthCheck check : checks) {
                CheckResult result = check.run(server.target());
                assertThat(result.isPassed()).as(result.toString()).isTrue();
            }

            assertThat(clients.size()).isZero();
            assertThat(CheckClient.builtInProcess() - builtBefore).as("JDK clients built by the run").isZero();
        }
    }

    @Test
    void shouldHandOutTheClientsOfASettingInTurn() {
        HttpClients clients = new HttpClients(3);
        Duration timeout = Duration.ofSeconds(5);

        List<CheckClient> handed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handed.add(clients.get(timeout, null));
        }
        CheckClient otherSetting = clients.get(Duration.ofSeconds(6), null);

        assertThat(handed.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(handed.get(3)).isSameAs(handed.get(0));
        assertThat(handed).doesNotContain(otherSetting);
    }

    @Test
    void shouldBuildAClientsJdkClientOnceAtItsFirstUse() {
        HttpClients clients = new HttpClients(1);
        CheckClient client = clients.get(Duration.ofSeconds(5), null);
        assertThat(clients.size()).isZero();

        java.net.http.HttpClient jdk = client.jdk();

        assertThat(client.jdk()).isSameAs(jdk);
        assertThat(jdk.connectTimeout()).contains(Duration.ofSeconds(5));
        assertThat(clients.size()).isEqualTo(1);
    }
}
