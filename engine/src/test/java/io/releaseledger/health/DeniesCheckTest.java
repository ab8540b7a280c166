package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The denies check: an anonymous request must be refused, against a server with open and closed pages. */
class DeniesCheckTest {
    @Test
    void shouldFailAnOpenAdminPage() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 200, "<h1>Admin</h1> delete all users"))) {
            CheckResult result = new DeniesCheck("/admin").run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).isEqualTo("answered 200 OK without credentials: it must refuse");
            assertThat(result.getExpected()).isEqualTo("401 or 403, or a redirect to a login page");
            assertThat(result.getActual()).isEqualTo("200 OK: <h1>Admin</h1> delete all users");
        }
    }

    @Test
    void shouldPassWhenRefusedWithoutSendingCredentials() throws IOException {
        for (int status : new int[] {401, 403}) {
            try (TestServer server = new TestServer("/", (exchange, n) -> {
                boolean anonymous = exchange.getRequestHeaders().getFirst("Authorization") == null
                        && exchange.getRequestHeaders().getFirst("Cookie") == null;
                TestServer.answer(exchange, anonymous ? status : 200, "");
            })) {
                CheckResult result = new DeniesCheck("/admin").run(server.target());

                assertThat(result.isPassed()).as(result.getDetail()).isTrue();
                assertThat(result.getDetail()).startsWith("refused with " + status);
            }
        }
    }

    @Test
    void shouldPassARedirectToTheLoginPageOnly() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().add("Location", path.startsWith("/admin") ? "/login?next=/admin" : "/home");
            TestServer.answer(exchange, 302, "");
        })) {
            CheckResult admin = new DeniesCheck("/admin").run(server.target());
            CheckResult reports = new DeniesCheck("/reports").run(server.target());

            assertThat(admin.isPassed()).isTrue();
            assertThat(admin.getDetail()).startsWith("redirected to the login page /login?next=/admin");
            assertThat(reports.isPassed()).isFalse();
            assertThat(reports.getDetail()).isEqualTo("redirected to /home, which is not a login page");
        }
    }
}
