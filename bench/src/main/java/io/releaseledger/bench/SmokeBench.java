package io.releaseledger.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpClients;
import io.releaseledger.smoke.SmokeCheck;
import io.releaseledger.smoke.SmokeCheckRun;
import io.releaseledger.smoke.SmokeReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 5's benchmark: many HTTP smoke checks run in parallel by the engine's {@link SmokeCheckRun} against one local
 * in-process server ({@code com.sun.net.httpserver} on 127.0.0.1, a thread per request) that answers every request
 * after a fixed delay. Target (issue 11): the whole run with the default settings within 1.3x of a lone check run on
 * its own.
 *
 * <p>Usage: {@code SmokeBench [--checks N] [--delay-ms MS] [--warmup N] [--iterations N]
 * [--parallelism default,200,raw,jdk,nio,…] [--shape distinct|shared] [--clients N] [--server jdk|nio] [--trace]}. Each
 * {@code --parallelism} entry is one configuration
 * measured in the same run,
 * interleaved per iteration: {@code default} builds the run as {@code SmokeChecks.from} does (no
 * {@code setParallelism} call, so the runner's default), a number calls {@code setParallelism(number)}, and
 * {@code raw} is a calibration without the engine (N plain threads, one raw-socket {@code GET} each), {@code jdk} one
 * with the JDK {@code HttpClient} alone ({@code sendAsync}, clients built as the engine builds them), {@code nio} one
 * with plain non-blocking NIO (one selector thread, no engine, no JDK client: the floor of this machine). {@code --server
 * nio} replaces the server by one without a thread per request ({@link NioServer}); the comparison stays the lone
 * check against the whole run, same JVM, same server. After each measured run the bench pauses 500 ms (not timed),
 * so that work a run leaves behind slows neither the lone check nor the next run; it prints the process's CPU time
 * and the threads started, during the run and in that pause.
 *
 * <ul>
 *   <li>Every run is built afresh, as a deployment does from the descriptor: N distinct {@link HttpCheck}s
 *       ({@code GET http://127.0.0.1:<port>/check/<i>}, expected 200, body contains {@code UP}, timeout 10 s, no
 *       retries), sharing the clients of one fresh {@link HttpClients} as {@code CheckFactory} builds them (the
 *       clients are built with the checks, before the clock; that time is printed apart); with
 *       {@code --shape shared} one such check runs against N targets; {@code --clients N} sets the clients per
 *       setting. {@code new SmokeCheckRun(checks, targets).call()} is timed as a whole (wall clock around it).</li>
 *   <li>The slowest single check, two ways: the largest {@code CheckResult.getMillis()} of the N results (the attempt
 *       alone, without waiting for a free slot of the pool), and, as the named peer in the same iteration, one lone
 *       check of the same kind run on its own by its own {@code SmokeCheckRun} (wall clock around {@code call()}).
 *       Lone peer and batch alternate which goes first.</li>
 *   <li>The server counts requests in flight (its highest value per run = how many checks really ran at once),
 *       when the last request arrived after the run started and when it wrote its last answer, and the CPU time
 *       of its own threads (its share of the cores the client runs on).</li>
 * </ul>
 */
public final class SmokeBench {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static boolean shared;
    /** HttpClients per setting, as CheckFactory's HttpClients has (0 = its default). */
    private static int clientsPerSetting;
    /** Wrap every engine check to record when its attempt started and ended (off: the engine's path untouched). */
    private static boolean trace;
    private static final Timeline TIMELINE = new Timeline();
    /** A pause after each measured run, before the lone check or the next run (not timed). */
    private static final int SETTLE_MILLIS = 500;

    private SmokeBench() {
    }

    public static void main(final String[] args) throws Exception {
        int checks = 200;
        long delayMs = 200;
        int warmup = 3;
        int iterations = 10;
        List<String> modes = List.of("default", "200");
        String serverKind = "jdk";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--checks":
                    checks = Integer.parseInt(args[++i]);
                    break;
                case "--delay-ms":
                    delayMs = Long.parseLong(args[++i]);
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(args[++i]);
                    break;
                case "--iterations":
                    iterations = Integer.parseInt(args[++i]);
                    break;
                case "--shape":
                    shared = "shared".equals(args[++i]);
                    if (!shared && !"distinct".equals(args[i])) {
                        throw new IllegalArgumentException("--shape distinct|shared, not " + args[i]);
                    }
                    break;
                case "--clients":
                    clientsPerSetting = Integer.parseInt(args[++i]);
                    break;
                case "--parallelism":
                    modes = List.of(args[++i].split(","));
                    break;
                case "--server":
                    serverKind = args[++i];
                    if (!"jdk".equals(serverKind) && !"nio".equals(serverKind)) {
                        throw new IllegalArgumentException("--server jdk|nio, not " + serverKind);
                    }
                    break;
                case "--trace":
                    trace = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: SmokeBench [--checks N] [--delay-ms MS] [--warmup N] [--iterations N]"
                            + " [--parallelism default,200,raw,jdk,nio] [--shape distinct|shared] [--clients N]"
                            + " [--server jdk|nio] [--trace]");
            }
        }

        SlowServer server = "nio".equals(serverKind) ? new NioServer(delayMs)
                : new JdkServer(delayMs, Math.max(64, checks * 2));
        try {
            System.out.printf(Locale.ROOT, "server: http://127.0.0.1:%d/check/<i>, answers after %d ms, %s;"
                    + " %d checks per run (%s); %s; %d warm-up + %d measured iterations; %d cores%n", server.port(),
                    delayMs, server.describe(), checks, shared ? "shape shared: one HttpCheck x N targets"
                    : "shape distinct: N HttpChecks", "parallelism " + String.join(", ", modes), warmup,
                    iterations, Runtime.getRuntime().availableProcessors());
            int m = modes.size();
            long[][] total = new long[m][iterations];
            long[][] slowestResult = new long[m][iterations];
            long[][] medianResult = new long[m][iterations];
            long[][] lone = new long[m][iterations];
            long[][] loneResult = new long[m][iterations];
            int[][] inFlight = new int[m][iterations];
            long[][] lastArrival = new long[m][iterations];
            long[][] built = new long[m][iterations];
            long[][] lastWritten = new long[m][iterations];
            long[][] lastStarted = new long[m][iterations];
            long[][] lastEnded = new long[m][iterations];
            long[][] cpuTime = new long[m][iterations];
            long[][] threads = new long[m][iterations];
            long[][] threadsLater = new long[m][iterations];
            long[][] cpuLater = new long[m][iterations];
            long[][] serverCpuTime = new long[m][iterations];
            for (int it = -warmup; it < iterations; it++) {
                for (int x = 0; x < m; x++) {
                    String mode = modes.get(x);
                    boolean loneFirst = ((it + warmup) + x) % 2 == 0;
                    long[] loneRun = null;
                    if (loneFirst) {
                        loneRun = lone(server, delayMs);
                    }
                    long building = System.nanoTime();
                    java.util.function.Supplier<Outcome> prepared = prepare(server, checks, mode);
                    building = System.nanoTime() - building;
                    server.reset();
                    TIMELINE.reset();
                    long cpu = processCpuNanos();
                    long serverCpu = server.cpuNanos();
                    long threadsBefore = java.lang.management.ManagementFactory.getThreadMXBean()
                            .getTotalStartedThreadCount();
                    long start = System.nanoTime();
                    Outcome report = prepared.get();
                    long elapsed = System.nanoTime() - start;
                    cpu = processCpuNanos() - cpu;
                    serverCpu = server.cpuNanos() - serverCpu;
                    long threadsStarted = java.lang.management.ManagementFactory.getThreadMXBean()
                            .getTotalStartedThreadCount() - threadsBefore;
                    // work the run left behind (the JDK client's own completions) ends before anything else is
                    // timed, so it slows neither the lone check nor the next run; counted apart
                    long settleCpu = processCpuNanos();
                    TimeUnit.MILLISECONDS.sleep(SETTLE_MILLIS);
                    settleCpu = processCpuNanos() - settleCpu;
                    long threadsAfter = java.lang.management.ManagementFactory.getThreadMXBean()
                            .getTotalStartedThreadCount() - threadsBefore - threadsStarted;
                    if (trace) {
                        System.out.println("  live threads by name: " + Thread.getAllStackTraces().keySet().stream()
                                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("\\d+",
                                "N"), java.util.TreeMap::new, java.util.stream.Collectors.counting())));
                    }
                    int maxInFlight = server.maxInFlight();
                    long arrival = server.lastArrivalNanos() - start;
                    long written = server.lastWrittenNanos() - start;
                    long started = TIMELINE.lastStarted() == 0 ? -1 : TIMELINE.lastStarted() - start;
                    long ended = TIMELINE.lastEnded() == 0 ? -1 : TIMELINE.lastEnded() - start;
                    if (!loneFirst) {
                        loneRun = lone(server, delayMs);
                    }
                    if (!report.passed || report.results.size() != checks) {
                        throw new IllegalStateException("the run did not pass: " + report.text.get());
                    }
                    long[] millis = report.results.stream().mapToLong(CheckResult::getMillis).sorted()
                            .toArray();
                    if (millis[0] < delayMs) {
                        throw new IllegalStateException("a check answered in " + millis[0]
                                + " ms, before the server's delay of " + delayMs + " ms");
                    }
                    String label = it < 0 ? "warm-up " + (it + warmup + 1) : "iteration " + (it + 1);
                    System.out.printf(Locale.ROOT, "%-13s parallelism %-8s total %8.1f ms  slowest result %5d ms"
                            + "  median result %5d ms  lone check %6.1f ms  in flight max %3d  last request at"
                            + " %7.1f ms  last answer written at %7.1f ms%s  (checks built in %.1f ms before)"
                            + "  CPU of the process during the run %.0f ms (the server's threads %.0f ms;"
                            + " %.0f ms in the %d ms after it), threads started %d (%d after it)%n",
                            label, mode, elapsed / 1e6, millis[millis.length - 1], millis[millis.length / 2],
                            loneRun[0] / 1e6, maxInFlight, arrival / 1e6, written / 1e6, started < 0 ? ""
                            : String.format(Locale.ROOT, "  last attempt started at %6.1f ms, last ended at %6.1f ms",
                            started / 1e6, ended / 1e6), building / 1e6, cpu / 1e6, serverCpu / 1e6, settleCpu / 1e6,
                            SETTLE_MILLIS, threadsStarted, threadsAfter);
                    if (it >= 0) {
                        total[x][it] = elapsed;
                        slowestResult[x][it] = millis[millis.length - 1];
                        medianResult[x][it] = millis[millis.length / 2];
                        lone[x][it] = loneRun[0];
                        loneResult[x][it] = loneRun[1];
                        inFlight[x][it] = maxInFlight;
                        lastArrival[x][it] = arrival;
                        built[x][it] = building;
                        lastWritten[x][it] = written;
                        lastStarted[x][it] = started;
                        lastEnded[x][it] = ended;
                        cpuTime[x][it] = cpu;
                        serverCpuTime[x][it] = serverCpu;
                        threads[x][it] = threadsStarted;
                        threadsLater[x][it] = threadsAfter;
                        cpuLater[x][it] = settleCpu;
                    }
                }
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "%d HTTP checks, server delay %d ms, %d iterations (median / p90):%n",
                    checks, delayMs, iterations);
            for (int x = 0; x < m; x++) {
                String mode = modes.get(x);
                String which = "default".equals(mode) ? "runner default (SmokeChecks.from, no setParallelism)"
                        : "raw".equals(mode) ? "calibration: plain threads, raw sockets, no engine"
                        : "nio".equals(mode) ? "calibration: plain non-blocking NIO, one selector thread, no engine,"
                        + " no JDK HttpClient"
                        : "jdk".equals(mode) ? "calibration: the JDK HttpClient alone (sendAsync, clients as the"
                        + " engine builds them), no engine"
                        : "setParallelism(" + mode + ")";
                double totalMs = median(total[x]) / 1e6;
                double slowestMs = median(slowestResult[x]);
                double loneMs = median(lone[x]) / 1e6;
                System.out.println();
                System.out.println("parallelism " + mode + ": " + which);
                System.out.printf(Locale.ROOT, "  total wall time of the run          %8.1f / %8.1f ms%n", totalMs,
                        p90(total[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  slowest single check (results)      %8.1f / %8.1f ms%n", slowestMs,
                        p90(slowestResult[x]));
                System.out.printf(Locale.ROOT, "  median check of a run (results)     %8.1f / %8.1f ms%n",
                        median(medianResult[x]), p90(medianResult[x]));
                System.out.printf(Locale.ROOT, "  lone check, own run (named peer)    %8.1f / %8.1f ms  (its result"
                        + " %.1f ms)%n", loneMs, p90(lone[x]) / 1e6, median(loneResult[x]));
                System.out.printf(Locale.ROOT, "  requests in flight at once (max)    %8.1f / %8.1f%n",
                        median(toLong(inFlight[x])), p90(toLong(inFlight[x])));
                System.out.printf(Locale.ROOT, "  last request reached the server at  %8.1f / %8.1f ms%n",
                        median(lastArrival[x]) / 1e6, p90(lastArrival[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  last answer written by the server at %7.1f / %8.1f ms%n",
                        median(lastWritten[x]) / 1e6, p90(lastWritten[x]) / 1e6);
                if (lastStarted[x][0] >= 0) {
                    System.out.printf(Locale.ROOT, "  last attempt started at             %8.1f / %8.1f ms%n",
                            median(lastStarted[x]) / 1e6, p90(lastStarted[x]) / 1e6);
                    System.out.printf(Locale.ROOT, "  last attempt ended at               %8.1f / %8.1f ms%n",
                            median(lastEnded[x]) / 1e6, p90(lastEnded[x]) / 1e6);
                }
                System.out.printf(Locale.ROOT, "  CPU time of the process in the run  %8.1f / %8.1f ms (server included)%n",
                        median(cpuTime[x]) / 1e6, p90(cpuTime[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  of which the server's own threads    %8.1f / %8.1f ms%n",
                        median(serverCpuTime[x]) / 1e6, p90(serverCpuTime[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  CPU time in the %d ms after the run  %8.1f / %8.1f ms%n",
                        SETTLE_MILLIS, median(cpuLater[x]) / 1e6, p90(cpuLater[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  threads started during the run      %8.1f / %8.1f  (in the %d ms after it:"
                        + " %.1f / %.1f)%n", median(threads[x]), p90(threads[x]), SETTLE_MILLIS,
                        median(threadsLater[x]), p90(threadsLater[x]));
                System.out.printf(Locale.ROOT, "  checks built before the clock (not in total) %6.1f / %6.1f ms%n",
                        median(built[x]) / 1e6, p90(built[x]) / 1e6);
                System.out.printf(Locale.ROOT, "  ratio total/slowest-single        = %.2fx  [p90 of per-iteration"
                        + " ratios %.2fx]%n", totalMs / slowestMs, p90Ratio(total[x], slowestResult[x]));
                System.out.printf(Locale.ROOT, "  ratio total/lone-check = %.2fx (target <= 1.30x)  [parallelism %s;"
                        + " median of totals / median of lone runs; p90 of per-iteration ratios %.2fx]%n",
                        totalMs / loneMs, mode, p90Ratio(total[x], Arrays.stream(lone[x]).map(n -> n / 1_000_000).toArray()));
            }
        } finally {
            server.stop();
        }
    }

    /** What one measured run does, built before the clock: the engine's run, or a calibration without it. */
    private static java.util.function.Supplier<Outcome> prepare(final SlowServer server, final int checks,
            final String mode) {
        if ("raw".equals(mode)) {
            return () -> raw(server, checks);
        }
        if ("jdk".equals(mode)) {
            return jdkClient(server, checks);
        }
        if ("nio".equals(mode)) {
            return () -> nioClient(server, checks);
        }
        SmokeCheckRun run = build(server, checks, mode);
        return () -> run(run);
    }

    /**
     * One run of {@code checks} fresh HTTP checks, built as {@code CheckFactory} builds them (sharing the clients
     * of one fresh {@link HttpClients}, built here), before the clock; {@code mode} "default" leaves the runner's
     * parallelism.
     */
    private static SmokeCheckRun build(final SlowServer server, final int checks, final String mode) {
        HttpClients clients = clients();
        List<SmokeCheck> list = new ArrayList<>(checks);
        List<CheckTarget> targets = new ArrayList<>();
        if (shared) {
            // one check against N targets (here N times the same server): N units sharing one HttpClient
            list.add(check(0, clients));
            for (int i = 0; i < checks; i++) {
                targets.add(server.target());
            }
        } else {
            for (int i = 0; i < checks; i++) {
                list.add(check(i, clients));
            }
            targets.add(server.target());
        }
        SmokeCheckRun run = new SmokeCheckRun(list, targets);
        if (!"default".equals(mode)) {
            run.setParallelism(Integer.parseInt(mode));
        }
        return run;
    }

    private static Outcome run(final SmokeCheckRun run) {
        SmokeReport report = run.call();
        // the report's text only when it is shown, after the clock: a 200-row table is no part of the run
        return new Outcome(report.getResults(), report.isPassed(), () -> report.summary() + "\n" + report.toTable());
    }

    /**
     * Calibration of the server and loopback, no engine: {@code checks} plain threads started at once, each one
     * {@code GET} over a raw socket (HTTP/1.0), timed from before the connect to the end of the answer.
     */
    private static Outcome raw(final SlowServer server, final int checks) {
        List<CheckResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                long start = System.nanoTime();
                TIMELINE.started(start);
                String name = "raw /check/" + index;
                try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    socket.getOutputStream().write(("GET /check/" + index + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    long millis = TimeUnit.NANOSECONDS.toMillis(TIMELINE.ended() - start);
                    results.add(answer.startsWith("HTTP/1.1 200") && answer.endsWith("UP\n")
                            ? CheckResult.passed(name, "raw", "200", millis)
                            : CheckResult.failed(name, "raw", answer, millis));
                } catch (IOException e) {
                    results.add(CheckResult.failed(name, "raw", e.toString(), 0));
                }
            }, "raw-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<CheckResult> all = List.copyOf(results);
        return new Outcome(all, all.stream().allMatch(CheckResult::isPassed), all::toString);
    }

    /**
     * Calibration of the JDK client without the engine: {@code checks} {@code GET}s by {@code HttpClient.sendAsync},
     * over clients built as the engine builds them (HTTP/1.1, no proxy, no redirects; as many per run as the
     * engine's {@code HttpClients} has per setting, handed out in turn), built before the clock.
     */
    private static java.util.function.Supplier<Outcome> jdkClient(final SlowServer server, final int checks) {
        int count = clientsPerSetting > 0 ? clientsPerSetting : 4;
        java.net.http.HttpClient[] clients = new java.net.http.HttpClient[count];
        for (int i = 0; i < count; i++) {
            java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT)
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                    .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
                    .version(java.net.http.HttpClient.Version.HTTP_1_1);
            clients[i] = b.build();
        }
        return () -> {
            List<java.util.concurrent.CompletableFuture<CheckResult>> futures = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                long start = System.nanoTime();
                TIMELINE.started(start);
                String name = "jdk /check/" + i;
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + server.port() + "/check/" + i)).timeout(CHECK_TIMEOUT).GET().build();
                futures.add(clients[i % count].sendAsync(request, java.net.http.HttpResponse.BodyHandlers
                        .ofString()).handle((response, failure) -> {
                            long millis = TimeUnit.NANOSECONDS.toMillis(TIMELINE.ended() - start);
                            return failure == null && response.statusCode() == 200 && response.body().contains("UP")
                                    ? CheckResult.passed(name, "jdk", "200", millis)
                                    : CheckResult.failed(name, "jdk", failure + " " + response, millis);
                        }));
            }
            List<CheckResult> all = futures.stream().map(java.util.concurrent.CompletableFuture::join)
                    .collect(java.util.stream.Collectors.toList());
            return new Outcome(all, all.stream().allMatch(CheckResult::isPassed), all::toString);
        };
    }

    /**
     * Calibration of the floor, no engine and no JDK client: {@code checks} non-blocking connects and {@code GET}s
     * (HTTP/1.1) driven by one selector on the calling thread, each answer read to the end of its Content-Length body;
     * a check is timed from before its connect to the end of its answer.
     */
    private static Outcome nioClient(final SlowServer server, final int checks) {
        List<CheckResult> results = new ArrayList<>(checks);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            for (int i = 0; i < checks; i++) {
                NioExchange exchange = new NioExchange(i, System.nanoTime());
                TIMELINE.started(exchange.start);
                java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                if (channel.connect(address)) {
                    channel.register(selector, java.nio.channels.SelectionKey.OP_WRITE, exchange);
                } else {
                    channel.register(selector, java.nio.channels.SelectionKey.OP_CONNECT, exchange);
                }
            }
            while (results.size() < checks) {
                selector.select();
                for (java.nio.channels.SelectionKey key : selector.selectedKeys()) {
                    NioExchange exchange = (NioExchange) key.attachment();
                    java.nio.channels.SocketChannel channel = (java.nio.channels.SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            channel.finishConnect();
                            key.interestOps(java.nio.channels.SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            channel.write(exchange.request);
                            if (!exchange.request.hasRemaining()) {
                                key.interestOps(java.nio.channels.SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            if (channel.read(exchange.answer) < 0 || exchange.complete()) {
                                long millis = TimeUnit.NANOSECONDS.toMillis(TIMELINE.ended() - exchange.start);
                                results.add(exchange.result(millis));
                                key.cancel();
                                channel.close();
                            }
                        }
                    } catch (IOException e) {
                        results.add(CheckResult.failed(exchange.name, "nio", e.toString(), 0));
                        key.cancel();
                        channel.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<CheckResult> all = List.copyOf(results);
        return new Outcome(all, all.stream().allMatch(CheckResult::isPassed), all::toString);
    }

    /** One exchange of the NIO calibration: its request, what was read of the answer so far. */
    private static final class NioExchange {
        final String name;
        final long start;
        final java.nio.ByteBuffer request;
        final java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(4096);

        NioExchange(final int index, final long start) {
            this.name = "nio /check/" + index;
            this.start = start;
            this.request = java.nio.ByteBuffer.wrap(("GET /check/" + index + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "User-Agent: release-ledger-check\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        private String text() {
            return new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
        }

        /** Whether the head and the Content-Length body are in. */
        boolean complete() {
            String text = text();
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            int length = 0;
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return text.length() >= end + 4 + length;
        }

        CheckResult result(final long millis) {
            String text = text();
            return text.startsWith("HTTP/1.1 200") && text.endsWith("UP\n")
                    ? CheckResult.passed(name, "nio", "200", millis) : CheckResult.failed(name, "nio", text, millis);
        }
    }

    /** With {@code --trace}: the engine's http check, its attempt's start and end put on the timeline. */
    private static final class Traced implements io.releaseledger.health.AsyncHealthCheck {
        private final HttpCheck check;

        Traced(final HttpCheck check) {
            this.check = check;
        }

        @Override
        public java.util.concurrent.CompletableFuture<CheckResult> runAsync(final CheckTarget target) {
            TIMELINE.started(System.nanoTime());
            return check.runAsync(target).whenComplete((result, failure) -> TIMELINE.ended());
        }

        @Override
        public CheckResult run(final CheckTarget target) {
            return check.run(target);
        }

        @Override
        public String getName() {
            return check.getName();
        }

        @Override
        public String getKind() {
            return check.getKind();
        }

        @Override
        public boolean usesTarget() {
            return check.usesTarget();
        }
    }

    /** When the last attempt of a run started and when the last one ended (client side). */
    private static final class Timeline {
        private final AtomicLong lastStarted = new AtomicLong();
        private final AtomicLong lastEnded = new AtomicLong();

        void reset() {
            lastStarted.set(0);
            lastEnded.set(0);
        }

        void started(final long nanos) {
            lastStarted.accumulateAndGet(nanos, Math::max);
        }

        long ended() {
            long now = System.nanoTime();
            lastEnded.accumulateAndGet(now, Math::max);
            return now;
        }

        long lastStarted() {
            return lastStarted.get();
        }

        long lastEnded() {
            return lastEnded.get();
        }
    }

    /** The named peer: one check of the same kind, alone in its own run; {wall nanos, result millis}. */
    private static long[] lone(final SlowServer server, final long delayMs) {
        SmokeCheckRun run = new SmokeCheckRun(List.of(check(-1, clients())), List.of(server.target()));
        long start = System.nanoTime();
        SmokeReport report = run.call();
        long elapsed = System.nanoTime() - start;
        if (!report.isPassed()) {
            throw new IllegalStateException("the lone check failed: " + report.toTable());
        }
        long millis = report.getResults().get(0).getMillis();
        if (millis < delayMs) {
            throw new IllegalStateException("the lone check answered in " + millis + " ms, before the delay");
        }
        return new long[] {elapsed, millis};
    }

    /** As {@code CheckFactory} builds an {@code http} check of the descriptor (its clients shared, built now). */
    private static SmokeCheck check(final int index, final HttpClients clients) {
        String path = index < 0 ? "/check/lone" : "/check/" + index;
        HttpCheck http = new HttpCheck(path).setName("http " + path).setMethod("GET").setTimeout(CHECK_TIMEOUT)
                .setExpectedStatus(200).setBodyContains("UP").shareClient(clients);
        return new SmokeCheck(trace && index >= 0 ? new Traced(http) : http, CHECK_TIMEOUT);
    }

    private static HttpClients clients() {
        return clientsPerSetting > 0 ? new HttpClients(clientsPerSetting) : new HttpClients();
    }

    /** CPU time of the whole process (all threads, the in-process server's included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long[] toLong(final int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    private static double median(final long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Nearest-rank 90th percentile. */
    private static double p90(final long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(0.9 * sorted.length) - 1)];
    }

    private static double p90Ratio(final long[] totalNanos, final long[] slowestMillis) {
        long[] ratios = new long[totalNanos.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = Math.round(totalNanos[i] / 1e6 / Math.max(1, slowestMillis[i]) * 1000); // thousandths
        }
        return p90(ratios) / 1000.0;
    }

    /** The results of one measured run, from the engine's report or from the raw calibration. */
    private static final class Outcome {
        final List<CheckResult> results;
        final boolean passed;
        final java.util.function.Supplier<String> text;

        Outcome(final List<CheckResult> results, final boolean passed,
                final java.util.function.Supplier<String> text) {
            this.results = results;
            this.passed = passed;
            this.text = text;
        }
    }

    /**
     * A local server answering every {@code GET /check/<i>} with {@code 200 UP} after a fixed delay. What both servers
     * count is kept here: requests in flight (and the most at once), when the last request arrived and the last answer
     * was written, and the CPU time of the server's own threads (so that its share of the 2 cores shows apart from the
     * client's).
     */
    abstract static class SlowServer {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final AtomicLong lastArrival = new AtomicLong();
        private final AtomicLong lastWritten = new AtomicLong();
        private final java.util.Set<Long> threadIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

        abstract String describe();

        abstract int port();

        abstract void stop();

        CheckTarget target() {
            return new CheckTarget("127.0.0.1", port(), null, null);
        }

        /** A complete request has arrived (headers and body read). */
        final void arrived() {
            lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        /** Its answer was handed to the connection. */
        final void written() {
            lastWritten.accumulateAndGet(System.nanoTime(), Math::max);
        }

        /** The request is done with, answered or not. */
        final void finished() {
            inFlight.decrementAndGet();
        }

        final void reset() {
            maxInFlight.set(0);
            lastArrival.set(0);
            lastWritten.set(0);
        }

        final int maxInFlight() {
            return maxInFlight.get();
        }

        final long lastArrivalNanos() {
            return lastArrival.get();
        }

        /** When the last answer of the run was handed to the connection. */
        final long lastWrittenNanos() {
            return lastWritten.get();
        }

        /** A thread factory whose threads count as the server's. */
        final java.util.concurrent.ThreadFactory threads(final String name) {
            return runnable -> {
                Thread thread = new Thread(() -> {
                    threadIds.add(Thread.currentThread().getId());
                    runnable.run();
                }, name);
                thread.setDaemon(true);
                return thread;
            };
        }

        /** Counts a thread the server library started itself (found by its name) as the server's. */
        final void adoptThreadsNamed(final String name) {
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                    .forEach(t -> threadIds.add(t.getId()));
        }

        /** CPU time of the server's threads so far, in nanoseconds. */
        final long cpuNanos() {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            return threadIds.stream().mapToLong(bean::getThreadCpuTime).filter(n -> n > 0).sum();
        }
    }

    /** {@code com.sun.net.httpserver} on 127.0.0.1 answering {@code 200 UP} after a fixed delay, a thread each. */
    static final class JdkServer extends SlowServer {
        private final HttpServer server;
        private final ExecutorService executor;
        private final long delayMs;
        private final int threads;

        JdkServer(final long delayMs, final int threads) throws IOException {
            this.delayMs = delayMs;
            this.threads = threads;
            this.executor = Executors.newFixedThreadPool(threads, threads("slow-server"));
            // a backlog well above the number of checks: the JDK's default (50) could drop connection attempts
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setExecutor(executor);
            server.createContext("/check/", this::handle);
            server.start();
            adoptThreadsNamed("HTTP-Dispatcher");
            // start every pool thread now, so the first measured run does not pay for it
            for (int i = 0; i < threads; i++) {
                executor.execute(() -> { });
            }
        }

        private void handle(final HttpExchange exchange) throws IOException {
            arrived();
            try (InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                body.readAllBytes();
                TimeUnit.MILLISECONDS.sleep(delayMs);
                byte[] answer = "UP\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, answer.length);
                out.write(answer);
                out.flush();
                written();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                finished();
                exchange.close();
            }
        }

        @Override
        String describe() {
            return "com.sun.net.httpserver, one dispatcher thread, a pool of " + threads + " threads each sleeping"
                    + " the delay";
        }

        @Override
        int port() {
            return server.getAddress().getPort();
        }

        @Override
        void stop() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /**
     * A server with no thread per request: one selector thread accepts, reads each request to the end of its headers
     * (and its body, by Content-Length) and writes the answer, which a timer thread releases to it at arrival + delay.
     * HTTP/1.1 connections are kept alive; an HTTP/1.0 request (the raw calibration) or {@code Connection: close} is
     * answered and closed.
     */
    static final class NioServer extends SlowServer {
        private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
                + "\r\nUP\n").getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ANSWER_CLOSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3"
                + "\r\nConnection: close\r\n\r\nUP\n").getBytes(StandardCharsets.US_ASCII);
        private final long delayMs;
        private final java.nio.channels.ServerSocketChannel listener;
        private final java.nio.channels.Selector selector;
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final java.util.Queue<Connection> due = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Thread loop;
        private volatile boolean open = true;

        NioServer(final long delayMs) throws IOException {
            this.delayMs = delayMs;
            this.listener = java.nio.channels.ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            listener.configureBlocking(false);
            this.selector = java.nio.channels.Selector.open();
            listener.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
            this.timer = Executors.newSingleThreadScheduledExecutor(threads("nio-server-timer"));
            this.loop = threads("nio-server").newThread(this::loop);
            loop.start();
        }

        private void loop() {
            try {
                while (open) {
                    selector.select();
                    for (Connection connection = due.poll(); connection != null; connection = due.poll()) {
                        connection.answer();
                    }
                    for (java.nio.channels.SelectionKey key : selector.selectedKeys()) {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            for (java.nio.channels.SocketChannel accepted = listener.accept(); accepted != null;
                                    accepted = listener.accept()) {
                                accepted.configureBlocking(false);
                                accepted.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                                Connection connection = new Connection(accepted);
                                connection.key = accepted.register(selector, java.nio.channels.SelectionKey.OP_READ,
                                        connection);
                            }
                        } else if (key.isReadable()) {
                            ((Connection) key.attachment()).read();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                if (open) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        /** One client connection: reads a request, waits the delay (no thread), answers, reads the next. */
        private final class Connection {
            final java.nio.channels.SocketChannel channel;
            final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16 * 1024);
            java.nio.channels.SelectionKey key;
            boolean close;

            Connection(final java.nio.channels.SocketChannel channel) {
                this.channel = channel;
            }

            void read() {
                try {
                    if (channel.read(buffer) < 0) {
                        channel.close();
                        return;
                    }
                } catch (IOException e) {
                    closeQuietly();
                    return;
                }
                String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
                int end = head.indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                int length = 0;
                for (String line : head.substring(0, end).split("\r\n")) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (buffer.position() < end + 4 + length) {
                    return; // the body is still coming
                }
                arrived();
                String lower = head.substring(0, end).toLowerCase(Locale.ROOT);
                close = head.substring(0, head.indexOf("\r\n")).endsWith("HTTP/1.0")
                        || lower.contains("\r\nconnection: close");
                buffer.clear();
                key.interestOps(0); // one request at a time per connection
                timer.schedule(() -> {
                    due.add(this);
                    selector.wakeup();
                }, delayMs, TimeUnit.MILLISECONDS);
            }

            void answer() {
                try {
                    java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(close ? ANSWER_CLOSE : ANSWER);
                    while (out.hasRemaining()) {
                        channel.write(out); // a few dozen bytes on loopback: one write, no OP_WRITE needed
                    }
                    written();
                    if (close) {
                        channel.close();
                    } else {
                        key.interestOps(java.nio.channels.SelectionKey.OP_READ);
                    }
                } catch (IOException e) {
                    closeQuietly();
                } finally {
                    finished();
                }
            }

            private void closeQuietly() {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the client went away
                }
            }
        }

        @Override
        String describe() {
            return "NIO server, one selector thread, answers released by one timer thread (no thread per request)";
        }

        @Override
        int port() {
            return listener.socket().getLocalPort();
        }

        @Override
        void stop() {
            open = false;
            timer.shutdownNow();
            selector.wakeup();
            try {
                loop.join(1000);
                selector.close();
                listener.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
