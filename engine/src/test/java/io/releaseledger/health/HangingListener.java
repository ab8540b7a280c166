package io.releaseledger.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.releaseledger.testing.FreePorts;

import org.junit.jupiter.api.Assumptions;

/**
 * A port on 127.0.0.1 where a TCP connect never completes: a listener with a backlog of 1 that never accepts, its
 * queue filled by plain connects. Linux then drops further SYNs (the client keeps retrying), so a connect hangs
 * until the client gives up.
 */
final class HangingListener implements AutoCloseable {
    private static final List<Path> SOCKET_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** /proc/net/tcp's state of a connect waiting for the SYN-ACK. */
    private static final String SYN_SENT = "02";

    private final ServerSocketChannel listener;
    private final List<SocketChannel> queued = new ArrayList<>();

    HangingListener() throws IOException {
        // a full accept queue drops SYNs on Linux; elsewhere it may refuse them, and the tables below do not exist
        Assumptions.assumeTrue(Files.isReadable(SOCKET_TABLES.get(0)), "a hanging connect is made the Linux way");
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 1);
        try {
            for (int i = 0; i < 2; i++) { // what the queue of a backlog of 1 holds on Linux
                queued.add(SocketChannel.open(address()));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return address().getPort();
    }

    CheckTarget target() {
        return new CheckTarget("127.0.0.1", port(), null, null);
    }

    /** A connect that the kernel has not completed: started, not connected after {@code millis}. */
    SocketChannel startHangingConnect(final long millis) throws IOException, InterruptedException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (channel.connect(address())) {
            channel.close();
            throw new IllegalStateException("the connect to " + address() + " completed at once");
        }
        Thread.sleep(millis);
        return channel;
    }

    /**
     * How many sockets of this machine are still connecting to this port (SYN sent, no answer), from the kernel's
     * tables: a socket whose connect timed out but was not closed stays there while the kernel resends its SYN.
     */
    long connectingSockets() throws IOException {
        String remote = String.format(Locale.ROOT, ":%04X", port());
        long count = 0;
        for (Path table : SOCKET_TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 3 && fields[2].endsWith(remote) && SYN_SENT.equals(fields[3])) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel client : queued) {
            client.close();
        }
        listener.close();
    }
}
