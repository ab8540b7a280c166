package io.releaseledger.loadbalancer.haproxy;

import io.releaseledger.loadbalancer.LoadBalancerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's runtime API (the "stats socket"), one command per connection: HAProxy answers and closes, which is its
 * non-interactive mode. The only place where I/O errors become {@link LoadBalancerException}s.
 */
final class RuntimeApi {
    /** A reply larger than this is refused rather than held in memory ({@code show stat} of huge configurations). */
    private static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final Path socketPath;
    private final String host;
    private final int port;
    private final Duration timeout;

    private RuntimeApi(final Path socketPath, final String host, final int port, final Duration timeout) {
        this.socketPath = socketPath;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    static RuntimeApi unixSocket(final Path socketPath, final Duration timeout) {
        return new RuntimeApi(socketPath, null, 0, timeout);
    }

    static RuntimeApi tcp(final String host, final int port, final Duration timeout) {
        return new RuntimeApi(null, host, port, timeout);
    }

    RuntimeApi withTimeout(final Duration newTimeout) {
        return new RuntimeApi(socketPath, host, port, newTimeout);
    }

    /** "unix socket /run/haproxy/admin.sock" or "127.0.0.1:9999", for messages. */
    String describe() {
        return socketPath != null ? "unix socket " + socketPath : host + ":" + port;
    }

    /** The line of haproxy.cfg's {@code global} section that opens this endpoint at the level Release Ledger needs. */
    String configLine() {
        return socketPath != null ? "stats socket " + socketPath + " mode 660 level admin"
                : "stats socket ipv4@" + host + ":" + port + " level admin";
    }

    /** Sends one command and returns HAProxy's whole reply. */
    String execute(final String command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            connect(channel, selector, deadline);
            write(channel, selector, deadline, (command + "\n").getBytes(StandardCharsets.US_ASCII));
            return read(channel, selector, deadline);
        } catch (ConnectException e) {
            throw new LoadBalancerException(cannotReach("nothing listens there (" + e.getMessage() + ")"), e);
        } catch (IOException e) {
            throw new LoadBalancerException(cannotReach(String.valueOf(e.getMessage())), e);
        }
    }

    private SocketChannel open() throws IOException {
        if (socketPath != null) {
            if (!Files.exists(socketPath)) {
                throw new LoadBalancerException(cannotReach("the socket does not exist"));
            }
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        return SocketChannel.open();
    }

    private void connect(final SocketChannel channel, final Selector selector, final long deadline)
            throws IOException {
        SocketAddress address = socketPath != null ? UnixDomainSocketAddress.of(socketPath)
                : new InetSocketAddress(host, port);
        if (channel.connect(address)) {
            return;
        }
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
        while (!channel.finishConnect()) {
            await(selector, deadline, "connecting");
        }
        key.cancel();
        selector.selectNow();
    }

    private void write(final SocketChannel channel, final Selector selector, final long deadline, final byte[] bytes)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(selector, deadline, "sending the command");
            }
        }
        key.cancel();
        selector.selectNow();
    }

    private String read(final SocketChannel channel, final Selector selector, final long deadline)
            throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        channel.register(selector, SelectionKey.OP_READ);
        while (true) {
            buffer.clear();
            int count = channel.read(buffer);
            if (count < 0) {
                return reply.toString(StandardCharsets.UTF_8);
            }
            if (count == 0) {
                await(selector, deadline, "waiting for the reply");
                continue;
            }
            reply.write(buffer.array(), 0, count);
            if (reply.size() > MAX_REPLY_BYTES) {
                throw new LoadBalancerException("HAProxy's reply on " + describe() + " is larger than "
                        + MAX_REPLY_BYTES / (1024 * 1024) + " MB; is this really HAProxy's runtime API?");
            }
        }
    }

    private void await(final Selector selector, final long deadline, final String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new LoadBalancerException("HAProxy's runtime API on " + describe() + " did not answer within "
                    + timeout.toMillis() + " ms (" + what + "); check that HAProxy is running and not overloaded");
        }
        selector.selectedKeys().clear();
    }

    private String cannotReach(final String reason) {
        return "cannot reach HAProxy's runtime API on " + describe() + ": " + reason + "; add '" + configLine()
                + "' to the global section of haproxy.cfg and reload HAProxy, or fix the address Release Ledger is given";
    }
}
