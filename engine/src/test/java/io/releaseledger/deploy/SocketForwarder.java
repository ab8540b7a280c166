package io.releaseledger.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards 127.0.0.1:port to a UNIX socket (the Docker engine's), so a "remote" Docker host can be reached over TCP
 * and then lost: {@link #close()} stops accepting and cuts every open connection, as a host that goes down. It keeps
 * what went each way on each connection ({@link #conversations()}), so a test can read the requests' headers as the
 * engine got them and the engine's answer to each.
 */
final class SocketForwarder implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path target;
    private final List<SocketChannel> open = new ArrayList<>();
    private final List<Conversation> conversations = new ArrayList<>();
    private volatile boolean closed;

    SocketForwarder(final Path target) throws IOException {
        this.target = target;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "forwarder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
                upstream.connect(UnixDomainSocketAddress.of(target));
                synchronized (open) {
                    if (closed) {
                        // accepted just before close(): cut it too, as the lost host would have
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                Conversation conversation = new Conversation();
                synchronized (conversations) {
                    conversations.add(conversation);
                }
                pump(client, upstream, conversation.sent);
                pump(upstream, client, conversation.received);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Each connection so far, in the order they were accepted. */
    List<Conversation> conversations() {
        synchronized (conversations) {
            return List.copyOf(conversations);
        }
    }

    /** What one connection carried each way, as ISO-8859-1 text: requests as the engine got them, and its answers. */
    static final class Conversation {
        private final StringBuffer sent = new StringBuffer();
        private final StringBuffer received = new StringBuffer();

        String sent() {
            return sent.toString();
        }

        String received() {
            return received.toString();
        }
    }

    private static void pump(final SocketChannel from, final SocketChannel to, final StringBuffer record) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    record.append(StandardCharsets.ISO_8859_1.decode(buffer.duplicate()));
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException ended) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The host goes down: no new connection is accepted, and every open one is cut. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        synchronized (open) {
            closed = true;
            open.forEach(SocketForwarder::closeQuietly);
            open.clear();
        }
    }
}
