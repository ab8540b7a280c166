package io.releaseledger.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Plain {@code http://} exchanges of the checks over non-blocking NIO, driven by one selector thread for the whole
 * process (issue 11): the JDK client spends most of a 200-check run setting up each exchange (its connection object,
 * future chains, about four hand-offs between threads), which this does without. HTTP/1.1 as the checks use it:
 * requests without a body, the answer's status, headers and body (Content-Length, chunked or up to the close; at most
 * {@link BoundedBody#MAX_BYTES}), 1xx answers skipped, kept-alive connections reused per client. Anything else (https,
 * a request body, an answer it does not understand) is the JDK client's or fails with a {@link ProtocolException}
 * saying what it is. Failures are the JDK client's kinds, so that {@link Http#failure} words them alike.
 */
final class PlainHttp {
    /** How long a kept-alive connection may wait for the next check of its client. */
    static final long IDLE_NANOS = 30_000_000_000L;
    private static final long QUIT_WHEN_IDLE_NANOS = 30_000_000_000L;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final PlainHttp INSTANCE = new PlainHttp();

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    /** Whether the loop is awake or already woken: a burst of 200 submits wakes it once, not 200 times. */
    private final java.util.concurrent.atomic.AtomicBoolean awake = new java.util.concurrent.atomic.AtomicBoolean();
    /** When {@link #expire} next has something to do (only the loop's thread). */
    private long nextExpiry = System.nanoTime();
    private Selector selector;
    private Thread thread;
    // only the loop's thread touches these
    private final Set<PlainHttpExchange> open = new HashSet<>();
    private final Map<CheckClient, Map<String, ArrayDeque<Connection>>> idle = new WeakHashMap<>();

    private PlainHttp() {
    }

    /**
     * Whether {@code request} goes this way: plain http, no body, no expect-continue, not HTTP/2 (the checks' clients
     * use no proxy).
     */
    static boolean handles(final HttpRequest request) {
        return "http".equalsIgnoreCase(request.uri().getScheme()) && request.uri().getHost() != null
                && request.bodyPublisher().map(body -> body.contentLength() == 0).orElse(true)
                && !request.expectContinue()
                && request.version().map(version -> version == HttpClient.Version.HTTP_1_1).orElse(true);
    }

    /**
     * Sends {@code request}; the future completes with the answer, or exceptionally: {@link HttpConnectTimeoutException}
     * or {@link TimeoutException} at {@code deadlineNanos}, a {@link java.net.ConnectException}, an unresolved name,
     * {@link PlainHttpExchange.StaleConnectionException} (a kept-alive connection closed before the answer), a
     * {@link ProtocolException}. Cancelling it abandons the exchange (its connection is closed).
     */
    static CompletableFuture<HttpResponse<byte[]>> sendAsync(final CheckClient client, final HttpRequest request,
            final long deadlineNanos) {
        PlainHttpExchange exchange = new PlainHttpExchange(client, request, deadlineNanos);
        exchange.result.whenComplete((response, failure) -> {
            if (failure != null) {
                INSTANCE.submit(() -> INSTANCE.abandon(exchange, failure));
            }
        });
        INSTANCE.submit(() -> INSTANCE.begin(exchange));
        return exchange.result;
    }

    private void submit(final Runnable task) {
        tasks.add(task);
        if (awake.getAndSet(true)) {
            return; // the loop runs the queue before it waits again
        }
        synchronized (lock) {
            if (thread == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    tasks.remove(task);
                    throw new java.io.UncheckedIOException(e);
                }
                thread = new Thread(this::loop, "release-ledger-http-plain");
                thread.setDaemon(true);
                thread.start();
            } else {
                selector.wakeup();
            }
        }
    }

    private void loop() {
        long quietSince = System.nanoTime();
        while (true) {
            try {
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // a bug in one task: its exchange still ends at its deadline; the others go on
                    }
                }
                long now = System.nanoTime();
                if (now - nextExpiry >= 0) {
                    expire(now);
                }
                if (open.isEmpty() && selector.keys().isEmpty()) {
                    if (now - quietSince > QUIT_WHEN_IDLE_NANOS) {
                        synchronized (lock) {
                            awake.set(false); // first: a task submitted after it starts a new loop
                            if (tasks.isEmpty()) { // an idle process (a controller between builds) keeps no thread
                                selector.close();
                                thread = null;
                                return;
                            }
                            awake.set(true);
                        }
                        continue;
                    }
                } else {
                    quietSince = now;
                }
                awake.set(false);
                if (tasks.isEmpty()) {
                    selector.select(Math.max(1, (Math.min(nextExpiry, now + 1_000_000_000L) - now) / 1_000_000 + 1));
                } else {
                    selector.selectNow(); // submitted since the queue was run
                }
                awake.set(true);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        connection.ready(key);
                    } catch (RuntimeException e) { // such as a key cancelled under it: this exchange fails, not all
                        connection.failOrStale(new IOException(e.toString(), e));
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                // a bug or a broken selector must not leave checks waiting for ever: fail them, keep looping
                for (PlainHttpExchange exchange : List.copyOf(open)) {
                    fail(exchange, e instanceof IOException ? e : new IOException(e.toString(), e));
                }
            }
        }
    }

    /** Ends the exchanges past their deadline and closes connections idle too long; notes when next to look. */
    private void expire(final long now) {
        nextExpiry = now + 1_000_000_000L; // idle connections: looked at once a second
        for (PlainHttpExchange exchange : List.copyOf(open)) {
            if (now - exchange.deadlineNanos < 0) {
                nextExpiry = Math.min(nextExpiry, exchange.deadlineNanos);
            }
            if (now - exchange.deadlineNanos >= 0) {
                fail(exchange, exchange.connection != null && exchange.connection.connected
                        ? new TimeoutException("no answer before the deadline")
                        : new HttpConnectTimeoutException("no connection before the deadline"));
            }
        }
        for (Map<String, ArrayDeque<Connection>> byOrigin : idle.values()) {
            for (ArrayDeque<Connection> waiting : byOrigin.values()) {
                waiting.removeIf(connection -> {
                    boolean stale = now - connection.idleSince > IDLE_NANOS;
                    if (stale) {
                        connection.close();
                    }
                    return stale;
                });
            }
        }
    }

    private void begin(final PlainHttpExchange exchange) {
        if (exchange.result.isDone()) {
            return;
        }
        open.add(exchange);
        nextExpiry = Math.min(nextExpiry, exchange.deadlineNanos);
        ArrayDeque<Connection> waiting = idle.getOrDefault(exchange.client, Map.of()).get(exchange.origin);
        Connection reused = waiting == null ? null : waiting.pollLast();
        if (reused != null) {
            reused.start(exchange, true);
            return;
        }
        String host = exchange.host;
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            connect(exchange, host); // a literal: nothing to look up
        } else {
            // a name may need a DNS query, which blocks: not on this thread
            CompletableFuture.runAsync(() -> {
                try {
                    InetAddress.getByName(host);
                    submit(() -> connect(exchange, host));
                } catch (IOException e) {
                    submit(() -> fail(exchange, e));
                }
            }, CheckClientExecutor.get());
        }
    }

    private void connect(final PlainHttpExchange exchange, final String host) {
        if (exchange.result.isDone()) {
            return;
        }
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), exchange.port);
            SocketChannel channel = SocketChannel.open();
            Connection connection = new Connection(exchange.client, exchange.origin, channel);
            connection.exchange = exchange;
            exchange.connection = connection;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.key = channel.register(selector, 0, connection);
            if (channel.connect(address)) {
                connection.connected();
            } else {
                connection.key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            fail(exchange, e);
        }
    }

    private void abandon(final PlainHttpExchange exchange, final Throwable failure) {
        open.remove(exchange);
        Connection connection = exchange.connection;
        if (connection != null && connection.exchange == exchange) {
            connection.close(); // cancelled or timed out: the rest of the answer is not read
        }
    }

    private void fail(final PlainHttpExchange exchange, final Throwable failure) {
        open.remove(exchange);
        Connection connection = exchange.connection;
        if (connection != null && connection.exchange == exchange) {
            connection.close();
        }
        exchange.result.completeExceptionally(failure);
    }

    private void finish(final PlainHttpExchange exchange, final Connection connection, final boolean reusable) {
        open.remove(exchange);
        connection.exchange = null;
        if (reusable && !exchange.result.isDone()) {
            connection.idleSince = System.nanoTime();
            idle.computeIfAbsent(connection.client, client -> new HashMap<>())
                    .computeIfAbsent(connection.origin, origin -> new ArrayDeque<>()).addLast(connection);
            connection.key.interestOps(SelectionKey.OP_READ); // a close by the server while idle is seen at once
        } else {
            connection.close();
        }
        exchange.complete();
    }

    /** One connection to one origin of one client: one exchange at a time, kept alive between them. */
    final class Connection {
        final CheckClient client;
        final String origin;
        final SocketChannel channel;
        final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
        SelectionKey key;
        PlainHttpExchange exchange;
        ByteBuffer writing;
        boolean connected;
        long idleSince;

        Connection(final CheckClient client, final String origin, final SocketChannel channel) {
            this.client = client;
            this.origin = origin;
            this.channel = channel;
        }

        void connected() throws IOException {
            connected = true;
            start(exchange, false);
        }

        void start(final PlainHttpExchange next, final boolean reused) {
            exchange = next;
            next.connection = this;
            next.reused = reused;
            writing = ByteBuffer.wrap(next.requestBytes);
            try {
                write();
            } catch (IOException e) {
                failOrStale(e);
            }
        }

        void ready(final SelectionKey ready) {
            try {
                if (!ready.isValid()) {
                    return;
                }
                if (ready.isConnectable()) {
                    channel.finishConnect();
                    connected();
                } else if (ready.isWritable()) {
                    write();
                } else if (ready.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                failOrStale(e);
            }
        }

        private void write() throws IOException {
            channel.write(writing);
            key.interestOps(writing.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read() throws IOException {
            readBuffer.clear();
            int read = channel.read(readBuffer);
            if (exchange == null) { // idle: the server closed it, or sent what nobody asked for
                removeIdle();
                close();
                return;
            }
            PlainHttpExchange current = exchange;
            if (read < 0) {
                if (current.answer.endOfInput()) {
                    finish(current, this, false);
                } else if (current.reused && !current.answer.receivedAny()) {
                    fail(current, new PlainHttpExchange.StaleConnectionException());
                } else {
                    fail(current, new IOException("the connection was closed before the end of the answer"));
                }
                return;
            }
            readBuffer.flip();
            if (current.answer.accept(readBuffer)) {
                finish(current, this, current.answer.reusable() && !readBuffer.hasRemaining());
            }
        }

        void failOrStale(final IOException e) {
            PlainHttpExchange current = exchange;
            if (current == null) {
                removeIdle();
                close();
            } else if (current.reused && !current.answer.receivedAny()) {
                fail(current, new PlainHttpExchange.StaleConnectionException());
            } else {
                fail(current, e);
            }
        }

        private void removeIdle() {
            ArrayDeque<Connection> waiting = idle.getOrDefault(client, Map.of()).get(origin);
            if (waiting != null) {
                waiting.remove(this);
            }
        }

        void close() {
            exchange = null;
            try {
                channel.close(); // cancels its key
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The {@code Host} header's value and the pool's key: host, and port when not 80 (as the JDK client writes it). */
    static String hostHeader(final URI uri) {
        return uri.getPort() < 0 || uri.getPort() == 80 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The request line, Host, the request's headers and an empty line, in ISO-8859-1 as HTTP/1.1 has it. */
    static byte[] requestBytes(final HttpRequest request) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(hostHeader(uri)).append("\r\n");
        List<String> names = new ArrayList<>(request.headers().map().keySet());
        for (String name : names) {
            for (String value : request.headers().allValues(name)) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        }
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            head.append("Content-Length: 0\r\n"); // a bodiless POST, PUT…: some servers wait for a length
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
