package io.releaseledger.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/** A TCP connection to {@code host:port} (default {@code {address}:{port}}) that must be accepted in time. */
public final class TcpCheck implements HealthCheck {
    static final String KIND = "tcp";
    static final String DEFAULT_ADDRESS = "{address}:{port}";

    private final String addressTemplate;
    private String name;
    private boolean named;
    private Duration timeout = Duration.ofSeconds(5);

    /** Connects to the target's address and port. */
    public TcpCheck() {
        this(DEFAULT_ADDRESS);
    }

    /** @param addressTemplate {@code host:port} with {@code {address}} and {@code {port}}; IPv6 in brackets */
    public TcpCheck(final String addressTemplate) {
        this.addressTemplate = Objects.requireNonNull(addressTemplate, "addressTemplate");
        this.name = KIND + " " + addressTemplate;
    }

    /** Replaces the name shown in results (default {@code tcp} and the address template). */
    public TcpCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.named = true;
        return this;
    }

    /** The longest wait for the connection (default 5 s). */
    public TcpCheck setTimeout(final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    public String getAddressTemplate() {
        return addressTemplate;
    }

    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public boolean usesTarget() {
        return Http.usesTarget(addressTemplate);
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        String address = Placeholders.fill(addressTemplate, target);
        CheckResult result = check(address);
        // A default name shows the address checked, not its template ("tcp {address}:{port}").
        return named || !name.contains("{") ? result : result.withName(KIND + " " + address);
    }

    private CheckResult check(final String address) {
        long start = System.nanoTime();
        int colon = address.lastIndexOf(':');
        int port = colon < 0 ? -1 : parsePort(address.substring(colon + 1));
        if (port < 1) {
            return CheckResult.failed(name, KIND, "'" + address + "' is not host:port with a port from 1 to 65535",
                    Durations.millisSince(start));
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            long millis = Durations.millisSince(start);
            return CheckResult.passed(name, KIND, "connected to " + address + " in " + millis + " ms", millis);
        } catch (SocketTimeoutException e) {
            return failed(start, address + ": no connection within " + Durations.format(timeout));
        } catch (ConnectException e) {
            return failed(start, address + ": connection refused");
        } catch (UnknownHostException e) {
            return failed(start, address + ": unknown host " + host);
        } catch (IOException | IllegalArgumentException e) {
            return failed(start, address + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private CheckResult failed(final long start, final String detail) {
        return CheckResult.failed(name, KIND, detail, Durations.millisSince(start));
    }

    private static int parsePort(final String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65_535 ? port : -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
