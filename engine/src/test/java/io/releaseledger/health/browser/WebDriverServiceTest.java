package io.releaseledger.health.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChromeDriverService}: the port the driver picks itself, and stand-in drivers that fail (the start says why
 * and leaves nothing running). A stand-in whose port is taken says what the real one says (chromedriver 156 on a port
 * something else listens on: "bind() failed: Address already in use (98)", exit 1).
 */
class WebDriverServiceTest {
    private static final String PORT_TAKEN = "echo \"[SEVERE]: bind() failed: Address already in use (98)\"; exit 1";

    @TempDir
    Path directory;

    @Test
    void shouldReportADriverThatExitsWithItsOutput() throws IOException {
        Path driver = script("echo \"bind() failed: Cannot assign requested address ($1)\"; exit 3");

        assertThatThrownBy(() -> ChromeDriverService.start(driver, directory.resolve("log"), Duration.ofSeconds(5)))
                .isInstanceOf(WebDriverException.class)
                .hasMessageStartingWith("chromedriver exited with 3 before it was ready: bind() failed")
                .hasMessageContaining("(--port=");
    }

    @Test
    void shouldGiveUpOnADriverThatNeverAnswersAndStopIt() throws IOException {
        Path pidFile = directory.resolve("pid");
        Path driver = script("echo $$ > " + pidFile + "; exec sleep 30");
        long start = System.nanoTime();

        assertThatThrownBy(() -> ChromeDriverService.start(driver, directory.resolve("log"), Duration.ofSeconds(1)))
                .isInstanceOf(WebDriverException.class).hasMessageStartingWith("chromedriver was not ready in time");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the stand-in driver is stopped").isEmpty();
    }

    @Test
    @RequiresRealComponent(Component.CHROMIUM)
    void shouldLetTheRealDriverPickItsPortAndUseTheOneItReports() throws IOException {
        Path chromedriver = ChromiumInstallation.find(System.getenv()).getChromedriver();
        Path log = directory.resolve("log");

        try (ChromeDriverService driver = ChromeDriverService.start(chromedriver, log, Duration.ofSeconds(15))) {
            List<String> lines = Files.readAllLines(log);
            assertThat(lines.get(0)).as("asked for port 0").startsWith("Starting ChromeDriver ").endsWith(" on port 0");
            assertThat(lines).contains("ChromeDriver was started successfully on port " + driver.getUri().getPort()
                    + ".");
            assertThat(new WebDriverClient(driver.getUri()).get("status", Duration.ofSeconds(5)))
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("ready", true);
        }
    }

    @Test
    void shouldUseThePortTheDriverReportsWhereEveryPortChosenBeforehandIsTaken() throws IOException {
        Path arguments = directory.resolve("arguments");
        HttpServer status = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        status.createContext("/status", exchange -> {
            byte[] body = "{\"value\":{\"ready\":true}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        status.start();
        int port = status.getAddress().getPort();
        Path driver = script("echo \"$@\" >> " + arguments + "\nif [ \"$1\" = --port=0 ]; then echo \"ChromeDriver was "
                + "started successfully on port " + port + ".\"; exec sleep 30; fi\n" + PORT_TAKEN);
        try (ChromeDriverService service = ChromeDriverService.start(driver, directory.resolve("log"),
                Duration.ofSeconds(10))) {
            assertThat(service.getUri()).hasToString("http://127.0.0.1:" + port + "/");
            assertThat(Files.readAllLines(arguments)).containsExactly("--port=0");
        } finally {
            status.stop(0);
        }
    }

    @Test
    void shouldChooseThePortForADriverThatDoesNotReportItAndTryAgainWhenItIsTaken() throws IOException {
        Path arguments = directory.resolve("arguments");
        Path driver = script("echo \"$@\" >> " + arguments + "\nif [ \"$1\" = --port=0 ]; then echo \"ChromeDriver was "
                + "started successfully.\"; exec sleep 30; fi\n" + PORT_TAKEN);

        assertThatThrownBy(() -> ChromeDriverService.start(driver, directory.resolve("log"), Duration.ofSeconds(10)))
                .isInstanceOf(WebDriverException.class).hasMessageContaining("Address already in use");

        List<String> tried = Files.readAllLines(arguments);
        assertThat(tried).hasSize(4).first().isEqualTo("--port=0");
        assertThat(tried.subList(1, 4)).allMatch(argument -> argument.matches("--port=[1-9]\\d*"));
    }

    private Path script(final String body) throws IOException {
        Path file = Files.writeString(directory.resolve("chromedriver"), "#!/bin/sh\n" + body + "\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
