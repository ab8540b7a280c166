package io.releaseledger.health.browser;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.process.ChildEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code chromedriver} process of its own on a free port of 127.0.0.1 (the driver's choice), started by
 * {@link #start} and stopped, with every browser it launched, by {@link #close()}.
 *
 * <pre>{@code
 * try (ChromeDriverService driver = ChromeDriverService.start(Path.of("/usr/bin/chromedriver"), log, timeout)) {
 *     URI uri = driver.getUri();   // http://127.0.0.1:<port>/
 * }
 * }</pre>
 */
public final class ChromeDriverService implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 3;
    private static final long POLL_MILLIS = 50;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final int LOG_TAIL = 400;
    /** What the driver writes once it listens; the port only since about version 128. Up to the full stop. */
    static final Pattern STARTED = Pattern.compile("ChromeDriver was started successfully(?: on port (\\d{1,5}))?\\.");

    private final Process process;
    private final URI uri;
    private final Path log;

    private ChromeDriverService(final Process process, final int port, final Path log) {
        this.process = process;
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.log = log;
    }

    /**
     * Starts the driver and waits until its {@code /status} says it is ready. The driver picks a free port itself
     * ({@code --port=0}) and says which; a driver that does not say it (older than about version 128) is started
     * again on a port chosen here.
     *
     * @param chromedriver the {@code chromedriver} executable
     * @param log          the file the driver's output goes to
     * @param timeout      how long the start may take
     * @throws WebDriverException when the driver exits or is not ready in time; nothing is left running
     */
    public static ChromeDriverService start(final Path chromedriver, final Path log, final Duration timeout) {
        Objects.requireNonNull(chromedriver, "chromedriver");
        Objects.requireNonNull(log, "log");
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = launch(chromedriver, 0, log);
        OptionalInt port;
        try {
            port = reportedPort(process, log, deadline);
        } catch (WebDriverException e) {
            stop(process);
            throw e;
        }
        if (port.isPresent()) {
            return ready(new ChromeDriverService(process, port.getAsInt(), log), deadline);
        }
        stop(process);
        return startOnChosenPort(chromedriver, log, deadline);
    }

    /** An older driver: the free port is chosen before it binds it, so another process may take it first. */
    private static ChromeDriverService startOnChosenPort(final Path chromedriver, final Path log, final long deadline) {
        WebDriverException last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                return ready(new ChromeDriverService(launch(chromedriver, port, log), port, log), deadline);
            } catch (WebDriverException e) {
                last = e;
                if (!e.getMessage().toLowerCase(Locale.ROOT).contains("address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private static ChromeDriverService ready(final ChromeDriverService service, final long deadline) {
        try {
            service.awaitReady(deadline);
            return service;
        } catch (WebDriverException e) {
            service.close();
            throw e;
        }
    }

    private static Process launch(final Path chromedriver, final int port, final Path log) {
        ProcessBuilder builder = new ProcessBuilder(List.of(chromedriver.toString(), "--port=" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // chromedriver and the browser it starts see no secret of the agent
        ChildEnvironment.restrict(builder.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new WebDriverException(WebDriverException.UNREACHABLE,
                    "cannot start " + chromedriver + ": " + e.getMessage(), e);
        }
    }

    /**
     * The port the driver says it listens on ("ChromeDriver was started successfully on port N."), or empty when it
     * says it started without a port (an older driver).
     */
    private static OptionalInt reportedPort(final Process process, final Path log, final long deadline) {
        while (true) {
            Matcher started = STARTED.matcher(read(log));
            if (started.find()) {
                return started.group(1) == null ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(started.group(1)));
            }
            if (!process.isAlive()) {
                throw new WebDriverException(WebDriverException.UNREACHABLE, "chromedriver exited with "
                        + process.exitValue() + " before it was ready: " + tail(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new WebDriverException(WebDriverException.NO_ANSWER,
                        "chromedriver was not ready in time: " + tail(log));
            }
            sleep();
        }
    }

    private void awaitReady(final long deadline) {
        WebDriverClient client = new WebDriverClient(uri);
        while (true) {
            if (!process.isAlive()) {
                throw new WebDriverException(WebDriverException.UNREACHABLE, "chromedriver exited with "
                        + process.exitValue() + " before it was ready: " + logTail());
            }
            try {
                Object value = client.get("status", Duration.ofSeconds(1));
                if (value instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) value).get("ready"))) {
                    return;
                }
            } catch (WebDriverException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - deadline > 0) {
                throw new WebDriverException(WebDriverException.NO_ANSWER,
                        "chromedriver was not ready in time: " + logTail());
            }
            sleep();
        }
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI getUri() {
        return uri;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines the driver wrote, for error messages. */
    public String logTail() {
        return tail(log);
    }

    private static String tail(final Path log) {
        String text = read(log).strip();
        return text.isEmpty() ? "(no output)"
                : text.length() > LOG_TAIL ? "…" + text.substring(text.length() - LOG_TAIL) : text;
    }

    private static String read(final Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the driver and everything it started. The browsers are found before the driver dies: once it is gone
     * they belong to no one we know.
     */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(final Process process) {
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        awaitExit(process.toHandle(), children);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.toHandle(), children);
    }

    private static void awaitExit(final ProcessHandle driver, final List<ProcessHandle> children) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : Stream.concat(Stream.of(driver), children.stream()).collect(Collectors.toList())) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running: destroyForcibly follows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ReleaseLedgerException("no free port on 127.0.0.1 for chromedriver: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException(WebDriverException.NO_ANSWER, "interrupted while chromedriver started", e);
        }
    }

    @Override
    public String toString() {
        return "chromedriver at " + uri;
    }
}
