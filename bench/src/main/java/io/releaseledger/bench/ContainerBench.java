package io.releaseledger.bench;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.RestartPolicy;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.GateResult;
import io.releaseledger.health.HealthGate;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.ResolvedImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same container operations done by the engine ({@link ContainerEngine} on {@link DockerJavaEngine}) and by
 * the {@code docker} CLI on the same Docker engine, in one run, interleaved: pull by digest, create, start, health
 * wait, stop, remove.
 *
 * <p>Usage: {@code ContainerBench [--warmup N] [--iterations N] [--interval MS] [--digest sha256:…]
 * <registry>/<repository>:<tag>}. The tag must have been pushed to the registry; its digest is resolved with the
 * engine's {@link RegistryClient} (and compared with {@code --digest}, the one {@code docker push} printed).
 *
 * <ul>
 *   <li>Before every pull (untimed) the digest reference is removed with {@code docker rmi <repo>@<digest>}, the
 *       pushed tag is kept, so every pull asks the registry for the manifest and re-creates the reference.</li>
 *   <li>Containers: host networking, restart policy no, label {@code io.releaseledger.bench=true}, name
 *       {@code rl-bench-…}; command {@code sh -c "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:<free port> -h /www
 *       & wait"} (busybox httpd ignores SIGTERM as PID 1: without the trap every stop would wait for its
 *       timeout). Always removed, also on failure and on exit.</li>
 *   <li>Health wait: the same loop for both sides, the engine's {@link HealthGate} with an {@link HttpCheck}
 *       GET {@code http://127.0.0.1:<port>/}, status 200, every {@code --interval} ms (default 10), so only the
 *       orchestration differs.</li>
 *   <li>Stop with a 10 s timeout on both sides. The engine's connection is opened once, before timing (as a
 *       deployment does per host); its cost is printed apart.</li>
 *   <li>Which side goes first alternates between iterations.</li>
 * </ul>
 */
public final class ContainerBench {
    static final String LABEL = "io.releaseledger.bench";
    static final String NAME_PREFIX = "rl-bench-";
    private static final int STOP_SECONDS = 10;
    private static final String[] OPERATIONS = {"pull", "create", "start", "health wait", "stop", "remove"};
    private static final int HEALTH = 3;

    private ContainerBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int iterations = 10;
        long intervalMillis = 10;
        String expectedDigest = null;
        String image = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--interval" -> intervalMillis = Long.parseLong(args[++i]);
                case "--digest" -> expectedDigest = args[++i];
                default -> image = args[i];
            }
        }
        if (image == null) {
            System.err.println("usage: ContainerBench [--warmup N] [--iterations N] [--interval MS] "
                    + "[--digest sha256:…] <registry>/<repository>:<tag>");
            System.exit(2);
        }
        ImageReference tagged = ImageReference.parse(image);
        ResolvedImage resolved = new RegistryClient(tagged.getRegistry()).resolve(tagged);
        if (expectedDigest != null && !expectedDigest.equals(resolved.getDigest())) {
            throw new IllegalStateException("the registry resolves " + image + " to " + resolved.getDigest()
                    + ", docker push printed " + expectedDigest);
        }
        String byDigest = resolved.getReference();
        System.out.printf(Locale.ROOT, "java %s, %d cores, warm-up %d, measured %d, health interval %d ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, iterations,
                intervalMillis);
        System.out.println("docker " + ContainerCli.docker("version", "--format",
                "client {{.Client.Version}}, engine {{.Server.Version}} (API {{.Server.APIVersion}})").strip());
        System.out.println("image " + resolved + " -> " + byDigest);

        removeLeftovers();
        Runtime.getRuntime().addShutdownHook(new Thread(ContainerBench::removeLeftovers));

        long connectStart = System.nanoTime();
        ContainerEngine engine = DockerJavaEngine.connect(DockerHost.localSocket());
        String version = engine.ping();
        long connectNanos = System.nanoTime() - connectStart;
        System.out.printf(Locale.ROOT, "engine: connect + first ping %.0f ms (cold JVM, once per run), %s%n",
                connectNanos / 1e6, version);

        HealthGate gate = new HealthGate(List.of(new HttpCheck("/").setExpectedStatus(200)
                .setTimeout(Duration.ofSeconds(2))), Duration.ofSeconds(30), Duration.ofMillis(intervalMillis));
        long[][] engineTimes = new long[OPERATIONS.length][iterations];
        long[][] cliTimes = new long[OPERATIONS.length][iterations];
        try (engine) {
            for (int i = 0; i < warmup + iterations; i++) {
                boolean measured = i >= warmup;
                int m = i - warmup;
                boolean engineFirst = i % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isEngine = (side == 0) == engineFirst;
                    long[] times = cycle(isEngine, engine, gate, byDigest, i);
                    if (measured) {
                        long[][] into = isEngine ? engineTimes : cliTimes;
                        for (int op = 0; op < OPERATIONS.length; op++) {
                            into[op][m] = times[op];
                        }
                    }
                    System.out.printf(Locale.ROOT, "%s %2d %-6s %s%n", measured ? "run   " : "warmup",
                            measured ? m + 1 : i + 1, isEngine ? "engine" : "CLI", format(times));
                }
            }
        }
        report(engineTimes, cliTimes);
    }

    /** One pull-create-start-health-stop-remove cycle; returns the nanoseconds of each operation. */
    private static long[] cycle(boolean isEngine, ContainerEngine engine, HealthGate gate, String byDigest,
            int iteration) {
        unpull(engine, byDigest);
        int port = freePort();
        String name = NAME_PREFIX + (isEngine ? "engine-" : "cli-") + ProcessHandle.current().pid() + "-" + iteration;
        List<String> command = List.of("sh", "-c",
                "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:" + port + " -h /www & wait");
        CheckTarget target = new CheckTarget("127.0.0.1", port, null, null);
        long[] times = new long[OPERATIONS.length];
        boolean removed = false;
        try {
            long t0 = System.nanoTime();
            String id;
            if (isEngine) {
                engine.pull(byDigest, null);
                times[0] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                id = engine.create(new ContainerRequest(name, byDigest)
                        .setLabels(Map.of(LABEL, "true"))
                        .setCommand(command)
                        .setNetworkMode(ContainerRequest.HOST_NETWORK)
                        .setRestartPolicy(RestartPolicy.no()));
                times[1] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                engine.start(id);
                times[2] = System.nanoTime() - t0;
            } else {
                ContainerCli.pull(byDigest);
                times[0] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                id = ContainerCli.create(name, byDigest, List.of(LABEL + "=true"), command);
                times[1] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                ContainerCli.start(id);
                times[2] = System.nanoTime() - t0;
            }
            t0 = System.nanoTime();
            GateResult result = gate.await(target);
            times[HEALTH] = System.nanoTime() - t0;
            if (!result.isPassed()) {
                throw new IllegalStateException("container " + name + " did not answer on port " + port + ": "
                        + result);
            }
            t0 = System.nanoTime();
            if (isEngine) {
                engine.stop(id, Duration.ofSeconds(STOP_SECONDS));
            } else {
                ContainerCli.stop(id, STOP_SECONDS);
            }
            times[4] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            if (isEngine) {
                engine.remove(id);
            } else {
                ContainerCli.remove(id);
            }
            times[5] = System.nanoTime() - t0;
            removed = true;
        } finally {
            if (!removed) {
                ContainerCli.tryDocker("rm", "-f", "-v", name);
            }
        }
        return times;
    }

    /** Removes the digest reference (untimed), keeping the pushed tag, and checks that it is gone. */
    private static void unpull(ContainerEngine engine, String byDigest) {
        ContainerCli.Result result = ContainerCli.tryDocker("rmi", byDigest);
        if (result.exitCode() != 0 && !result.output().contains("No such image")) {
            throw new IllegalStateException("docker rmi " + byDigest + ": " + result.output().strip());
        }
        if (engine.hasImage(byDigest)) {
            throw new IllegalStateException(byDigest + " is still there after docker rmi: the pull would not be real");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every container of this benchmark, of this run or an earlier one that was killed. */
    private static void removeLeftovers() {
        ContainerCli.Result list = ContainerCli.tryDocker("ps", "-aq", "--filter", "label=" + LABEL + "=true",
                "--filter", "name=" + NAME_PREFIX);
        if (list.exitCode() != 0) {
            return;
        }
        for (String id : list.output().split("\\s+")) {
            if (!id.isBlank()) {
                ContainerCli.tryDocker("rm", "-f", "-v", id);
            }
        }
    }

    private static void report(long[][] engineTimes, long[][] cliTimes) {
        int n = engineTimes[0].length;
        long[] engineTotal = new long[n];
        long[] cliTotal = new long[n];
        long[] engineDocker = new long[n];
        long[] cliDocker = new long[n];
        for (int i = 0; i < n; i++) {
            for (int op = 0; op < OPERATIONS.length; op++) {
                engineTotal[i] += engineTimes[op][i];
                cliTotal[i] += cliTimes[op][i];
                if (op != HEALTH) {
                    engineDocker[i] += engineTimes[op][i];
                    cliDocker[i] += cliTimes[op][i];
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %20s %20s %22s%n", "operation", "engine median (min)",
                "CLI median (min)", "engine/CLI (min/min)");
        for (int op = 0; op < OPERATIONS.length; op++) {
            row(OPERATIONS[op], engineTimes[op], cliTimes[op]);
        }
        row("docker ops (no health)", engineDocker, cliDocker);
        row("total", engineTotal, cliTotal);
        System.out.println();
        System.out.println("engine totals: " + millis(engineTotal));
        System.out.println("CLI totals:    " + millis(cliTotal));
        double overhead = (median(engineTotal) / median(cliTotal) - 1) * 100;
        double dockerOverhead = (median(engineDocker) / median(cliDocker) - 1) * 100;
        System.out.printf(Locale.ROOT, "orchestration overhead of the engine: %+.1f %% on the total median "
                + "(%+.1f %% on the docker operations without the health wait); target under 15 %%: %s%n",
                overhead, dockerOverhead, overhead < 15 ? "met" : "NOT met");
    }

    private static void row(String name, long[] engine, long[] cli) {
        System.out.printf(Locale.ROOT, "%-22s %11.1f (%6.1f) ms %11.1f (%6.1f) ms %13.2f (%5.2f)%n", name,
                median(engine) / 1e6, min(engine) / 1e6, median(cli) / 1e6, min(cli) / 1e6,
                median(engine) / median(cli), (double) min(engine) / min(cli));
    }

    private static String format(long[] times) {
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (int op = 0; op < OPERATIONS.length; op++) {
            b.append(String.format(Locale.ROOT, "%s %.0f  ", OPERATIONS[op], times[op] / 1e6));
            total += times[op];
        }
        return b.append(String.format(Locale.ROOT, "= %.0f ms", total / 1e6)).toString();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static String millis(long[] values) {
        List<String> parts = new ArrayList<>();
        for (long value : values) {
            parts.add(Long.toString(Math.round(value / 1e6)));
        }
        return String.join(" ", parts) + " ms";
    }
}
