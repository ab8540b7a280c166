package io.releaseledger.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on a raw socket whose bytes a test writes itself, for answers {@code com.sun.net.httpserver} cannot give
 * (chunks split at will, 1xx, a close at a chosen moment, a broken status line). Records every request's head.
 */
final class RawHttpServer implements AutoCloseable {
    /** Serves one connection; {@code number} counts connections from 1. */
    @FunctionalInterface
    interface Script {
        void serve(Connection connection, int number) throws IOException;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RawHttpServer(final Script script) throws IOException {
        this(InetAddress.getLoopbackAddress(), script);
    }

    RawHttpServer(final InetAddress address, final Script script) throws IOException {
        socket = new ServerSocket(0, 50, address);
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket accepted = socket.accept();
                    int number = connections.incrementAndGet();
                    Thread serving = new Thread(() -> {
                        try (accepted) {
                            script.serve(new Connection(accepted), number);
                        } catch (IOException e) {
                            // the client went away
                        }
                    }, "raw-server-connection-" + number);
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    CheckTarget target() {
        return new CheckTarget("127.0.0.1", port(), null, null);
    }

    int connections() {
        return connections.get();
    }

    List<String> requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One accepted connection. */
    final class Connection {
        private final Socket accepted;
        private final InputStream in;

        Connection(final Socket accepted) throws IOException {
            this.accepted = accepted;
            this.in = accepted.getInputStream();
        }

        /** The next request's head (request line and headers), or null when the client closed the connection. */
        String readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.write(b);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == 4) {
                    String text = head.toString(StandardCharsets.ISO_8859_1);
                    requests.add(text);
                    return text;
                }
            }
            return null;
        }

        /** Whether the client closed the connection within {@code millis} (reads and drops anything else). */
        boolean closedByClientWithin(final int millis) throws IOException {
            accepted.setSoTimeout(millis);
            try {
                while (in.read() >= 0) {
                    continue;
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }

        void write(final String text) throws IOException {
            accepted.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            accepted.getOutputStream().flush();
        }

        /** Writes in parts with a pause between, so that the client reads them apart. */
        void writeSlowly(final String... parts) throws IOException {
            for (String part : parts) {
                write(part);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
