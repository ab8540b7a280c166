package io.releaseledger.bench;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.CollectingDeploymentRecorder;
import io.releaseledger.rollout.DeployTargets;
import io.releaseledger.rollout.EnvironmentTargets;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rolling deploy of four instances (one Docker host, four ports, host networking) behind a real HAProxy driven
 * through its runtime API, from version A to B and back, timed per phase and per instance with the engine's
 * {@link LocalDeploymentExecutor}, the executor the CLI's {@code DeployCommand} uses, called directly (its
 * {@code plan} runs the {@code DeploymentPlanner}, its {@code execute} the {@code Deployer}; no ledger lock, the
 * events are collected in memory); as a peer in the same run and interleaved with it, the same four
 * replacements done with the {@code docker} CLI and a health poll loop, without HAProxy.
 *
 * <p>Usage: {@code RollingBench [--warmup N] [--iterations N] [--interval MS] [--inter MS] [--stable-for MS]
 * [--load THREADS] --repository REPO --a VERSION=DIGEST --b VERSION=DIGEST}. Both versions must be pushed to the
 * registry (the script builds and pushes them); the planner resolves the tags, and the harness checks that the
 * digests are the pushed ones.
 *
 * <p>Phases of one instance (batches of one), from {@link PhaseProbe}:
 * <ul>
 *   <li>drain: {@code batchStarted} → {@code waitUntilDrained} returns (set drain, poll sessions until 0);</li>
 *   <li>replace: → {@code start} returns (hasImage, stop, remove, create, start);</li>
 *   <li>health gate: → {@code instanceDeployed};</li>
 *   <li>ready: → the first {@code show stat} after {@code serverIn} that shows the server serving;</li>
 * </ul>
 * plus plan ({@code executor.plan}: resolve in the registry, read the host) and the whole deploy (plan +
 * {@code executor.execute}). The bare side per instance: {@code docker rm -f}, {@code docker run -d --network host …},
 * then {@code GET /health} every {@code --interval} ms until 200.
 */
public final class RollingBench {
    static final String APPLICATION = "rl-bench-rolling";
    static final String ENVIRONMENT = "bench";
    static final int INSTANCES = 4;
    private static final String BARE_PREFIX = ContainerBench.NAME_PREFIX + "bare-";

    private RollingBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 2;
        int iterations = 10;
        long interval = 100;
        long inter = 100;
        long stableFor = 0;
        int load = 0;
        String repository = null;
        String[] a = null;
        String[] b = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--interval" -> interval = Long.parseLong(args[++i]);
                case "--inter" -> inter = Long.parseLong(args[++i]);
                case "--stable-for" -> stableFor = Long.parseLong(args[++i]);
                case "--load" -> load = Integer.parseInt(args[++i]);
                case "--repository" -> repository = args[++i];
                case "--a" -> a = args[++i].split("=", 2);
                case "--b" -> b = args[++i].split("=", 2);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (repository == null || a == null || b == null || a.length != 2 || b.length != 2) {
            System.err.println("usage: RollingBench [--warmup N] [--iterations N] [--interval MS] [--inter MS] "
                    + "[--stable-for MS] [--load THREADS] --repository REPO --a VERSION=DIGEST --b VERSION=DIGEST");
            System.exit(2);
        }
        new Run(warmup, iterations, interval, inter, stableFor, load, repository, a, b).run();
    }

    private static final class Run {
        final int warmup;
        final int iterations;
        final long interval;
        final long inter;
        final long stableFor;
        final int load;
        final String repository;
        final String[] versions;
        final String[] digests;
        final List<Integer> deployPorts = new ArrayList<>();
        final List<Integer> barePorts = new ArrayList<>();

        // measured, per deploy (iterations) and per instance (iterations * 4)
        final long[] planTotal;
        final long[] planResolve;
        final long[] planRead;
        final long[] deployTotal;
        final long[] executeTotal;
        final long[][] phase; // drain, replace, gate, ready, bookkeeping (per deploy)
        final long[][] instancePhase; // drain, replace, gate, ready
        final long[][] listenerCut; // batchStarted→serverOut, serverOut→instanceDeployed, →serverIn, serverIn→next
        final long[][] dockerCalls;
        final long[] bareTotal;
        final long[][] bareInstance; // rm, run, health
        final long[] gateInspects;
        int drainTimeouts;
        int servingPollsMax;

        Run(int warmup, int iterations, long interval, long inter, long stableFor, int load, String repository,
                String[] a, String[] b) {
            this.warmup = warmup;
            this.iterations = iterations;
            this.interval = interval;
            this.inter = inter;
            this.stableFor = stableFor;
            this.load = load;
            this.repository = repository;
            versions = new String[] {a[0], b[0]};
            digests = new String[] {a[1], b[1]};
            planTotal = new long[iterations];
            planResolve = new long[iterations];
            planRead = new long[iterations];
            deployTotal = new long[iterations];
            executeTotal = new long[iterations];
            phase = new long[5][iterations];
            instancePhase = new long[4][iterations * INSTANCES];
            listenerCut = new long[4][iterations * INSTANCES];
            dockerCalls = new long[PhaseProbe.DOCKER_CALLS.length][iterations * INSTANCES];
            bareTotal = new long[iterations];
            bareInstance = new long[3][iterations * INSTANCES];
            gateInspects = new long[iterations];
        }

        void run() throws Exception {
            for (int i = 0; i < INSTANCES; i++) {
                deployPorts.add(RollingHaproxy.freePort());
                barePorts.add(RollingHaproxy.freePort());
            }
            Path temp = Files.createTempDirectory("rl-bench-rolling");
            removeLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(Run::removeLeftovers));
            System.out.printf(Locale.ROOT, "java %s, %d cores, warm-up %d, measured %d (deploys alternate %s <-> %s)%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, iterations,
                    versions[0], versions[1]);
            System.out.println("docker " + ContainerCli.docker("version", "--format",
                    "client {{.Client.Version}}, engine {{.Server.Version}} (API {{.Server.APIVersion}})").strip()
                    + ", storage driver " + ContainerCli.docker("info", "--format", "{{.Driver}}").strip());
            System.out.printf(Locale.ROOT, "health gate / poll interval %d ms, container stableFor %d ms, HAProxy "
                    + "check inter %d ms fall 2 rise 1, load threads %d%n", interval, stableFor, inter, load);
            System.out.println("deploy ports " + deployPorts + ", bare docker ports " + barePorts);

            try (RollingHaproxy haproxy = new RollingHaproxy(temp, deployPorts, inter)) {
                System.out.println(haproxy.version());
                ReleaseDescriptor descriptor = DescriptorLoader.parse(descriptorYaml(haproxy.adminSocket()),
                        "bench rolling descriptor");
                EnvironmentSpec environment = descriptor.getEnvironment(ENVIRONMENT).orElseThrow();
                RegistryClient registry = new RegistryClient(repository.substring(0, repository.indexOf('/')));
                PhaseProbe probe = new PhaseProbe();
                try (DeployTargets targets = probe.targets(new EnvironmentTargets(environment));
                        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor, registry)
                                .setTargets(targets).setListener(probe).setMessages(new Messages())
                                .setStopTimeout(Duration.ofSeconds(10))) {
                    String host = environment.getHosts().get(0).getName();
                    long t0 = System.nanoTime();
                    String ping = targets.engine(host).ping();
                    targets.loadBalancer().servers(RollingHaproxy.BACKEND);
                    System.out.printf(Locale.ROOT, "connect docker + HAProxy runtime API, first calls: %.0f ms "
                            + "(cold JVM, once per run, untimed), %s%n", (System.nanoTime() - t0) / 1e6, ping);

                    // Setup, untimed: both sides run version A.
                    deploy(executor, probe, 0, -1);
                    bare(0, -1);
                    LoadLoop loop = load > 0 ? new LoadLoop(haproxy.frontendPort(), load) : null;
                    try {
                        for (int i = 0; i < warmup + iterations; i++) {
                            int target = (i + 1) % 2; // B, A, B, ...
                            int m = i >= warmup ? i - warmup : -1;
                            boolean deployFirst = i % 2 == 0;
                            for (int side = 0; side < 2; side++) {
                                if ((side == 0) == deployFirst) {
                                    deploy(executor, probe, target, m);
                                } else {
                                    bare(target, m);
                                }
                            }
                        }
                    } finally {
                        if (loop != null) {
                            loop.close();
                            System.out.println(loop.summary());
                        }
                    }
                    checkServing(targets);
                }
            } finally {
                try (var files = Files.list(temp)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(temp);
            }
            report();
        }

        String descriptorYaml(Path adminSocket) {
            return "schemaVersion: 1\n"
                    + "application: " + APPLICATION + "\n"
                    + "image: " + repository + "\n"
                    + "environments:\n"
                    + "  - name: " + ENVIRONMENT + "\n"
                    + "    hosts: [unix:///var/run/docker.sock]\n"
                    + "    container: {network: host, restart: \"no\"}\n"
                    + "    instances: {count: " + INSTANCES + ", ports: " + deployPorts + "}\n"
                    + "    strategy: {type: rolling, batchSize: 1}\n"
                    + "    loadBalancer:\n"
                    + "      runtimeApi: " + adminSocket + "\n"
                    + "      backend: " + RollingHaproxy.BACKEND + "\n"
                    + "      serverName: \"" + RollingHaproxy.SERVER_PREFIX + "{instance}\"\n"
                    + "      drainTimeout: 10s\n"
                    + "    healthGate:\n"
                    + "      timeout: 30s\n"
                    + "      interval: " + interval + "ms\n"
                    + "      checks:\n"
                    + "        - http: /health\n"
                    + "        - container: {stableFor: " + stableFor + "ms}\n";
        }

        /** One deploy of version {@code target}; {@code m} is the measured index, or -1 (setup, warm-up). */
        void deploy(LocalDeploymentExecutor executor, PhaseProbe probe, int target, int m) {
            probe.reset();
            long t0 = System.nanoTime();
            probe.planning(true);
            DeploymentPlan plan = executor.plan(new PlanRequest(ENVIRONMENT, versions[target])
                    .setAllowDowngrade(true).setBuild("bench#" + m));
            probe.planning(false);
            long t1 = System.nanoTime();
            executor.execute(plan, "bench", new CollectingDeploymentRecorder());
            long t2 = System.nanoTime();
            if (!digests[target].equals(plan.getDigest())) {
                throw new IllegalStateException("the planner resolved " + versions[target] + " to " + plan.getDigest()
                        + ", docker push printed " + digests[target]);
            }
            for (int port : deployPorts) {
                String running = get(port, "/version");
                if (!("200 " + versions[target]).equals(running)) {
                    throw new IllegalStateException("after the deploy of " + versions[target] + " port " + port
                            + " answers " + running);
                }
            }
            List<PhaseProbe.Marks> marks = probe.instances();
            if (marks.size() != INSTANCES) {
                throw new IllegalStateException("expected " + INSTANCES + " batches, saw " + marks.size());
            }
            long[] inst = new long[4];
            long[] book = {0};
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < INSTANCES; k++) {
                PhaseProbe.Marks mk = marks.get(k);
                if (mk.drained == 0 || mk.started == 0 || mk.deployed == 0 || mk.serving == 0) {
                    throw new IllegalStateException("missing marks for " + mk.server);
                }
                long next = k + 1 < INSTANCES ? marks.get(k + 1).batchStarted : t2;
                long[] p = {mk.drained - mk.batchStarted, mk.started - mk.drained, mk.deployed - mk.started,
                        mk.serving - mk.deployed};
                long[] l = {mk.serverOut - mk.batchStarted, mk.deployed - mk.serverOut, mk.serverIn - mk.deployed,
                        next - mk.serverIn};
                for (int x = 0; x < 4; x++) {
                    inst[x] += p[x];
                    if (m >= 0) {
                        instancePhase[x][m * INSTANCES + k] = p[x];
                        listenerCut[x][m * INSTANCES + k] = l[x];
                    }
                }
                if (m >= 0) {
                    for (int c = 0; c < PhaseProbe.DOCKER_CALLS.length; c++) {
                        dockerCalls[c][m * INSTANCES + k] = mk.docker[c];
                    }
                    if (!mk.drainedInTime) {
                        drainTimeouts++;
                    }
                    servingPollsMax = Math.max(servingPollsMax, mk.servingPolls);
                }
                book[0] += next - mk.serving;
                line.append(String.format(Locale.ROOT, " | %s %d/%d/%d/%d", mk.server, ms(p[0]), ms(p[1]), ms(p[2]),
                        ms(p[3])));
            }
            book[0] += marks.get(0).batchStarted - t1;
            if (m >= 0) {
                planTotal[m] = t1 - t0;
                planResolve[m] = probe.planFirstRead - t0;
                planRead[m] = probe.planReadNanos;
                executeTotal[m] = t2 - t1;
                deployTotal[m] = t2 - t0;
                for (int x = 0; x < 4; x++) {
                    phase[x][m] = inst[x];
                }
                phase[4][m] = book[0];
                gateInspects[m] = probe.gateInspects;
            }
            System.out.printf(Locale.ROOT, "%s deploy %s: plan %d, total %d ms%s (drain/replace/gate/ready ms)%n",
                    label(m), versions[target], ms(t1 - t0), ms(t2 - t0), line);
        }

        /** The same four replacements with the docker CLI, no load balancer. */
        void bare(int target, int m) {
            String image = repository + "@" + digests[target];
            long total = 0;
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < INSTANCES; k++) {
                String name = BARE_PREFIX + (k + 1);
                int port = barePorts.get(k);
                long t0 = System.nanoTime();
                ContainerCli.tryDocker("rm", "-f", name);
                long t1 = System.nanoTime();
                ContainerCli.docker("run", "-d", "--network", "host", "--restart", "no", "--name", name,
                        "--label", ContainerBench.LABEL + "=true", "-e", "PORT=" + port, image);
                long t2 = System.nanoTime();
                long deadline = t2 + Duration.ofSeconds(30).toNanos();
                while (!get(port, "/health").startsWith("200 ")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name + " did not answer /health within 30 s");
                    }
                    RollingHaproxy.sleep(interval);
                }
                long t3 = System.nanoTime();
                String running = get(port, "/version");
                if (!("200 " + versions[target]).equals(running)) {
                    throw new IllegalStateException(name + " answers " + running + ", expected " + versions[target]);
                }
                if (m >= 0) {
                    bareInstance[0][m * INSTANCES + k] = t1 - t0;
                    bareInstance[1][m * INSTANCES + k] = t2 - t1;
                    bareInstance[2][m * INSTANCES + k] = t3 - t2;
                }
                total += t3 - t0;
                line.append(String.format(Locale.ROOT, " | %d %d/%d/%d", k + 1, ms(t1 - t0), ms(t2 - t1),
                        ms(t3 - t2)));
            }
            if (m >= 0) {
                bareTotal[m] = total;
            }
            System.out.printf(Locale.ROOT, "%s bare   %s: total %d ms%s (rm/run/health ms)%n", label(m),
                    versions[target], ms(total), line);
        }

        void checkServing(DeployTargets targets) {
            for (ServerState server : targets.loadBalancer().servers(RollingHaproxy.BACKEND)) {
                if (!server.isServing()) {
                    throw new IllegalStateException("after the run HAProxy reports " + server);
                }
            }
        }

        String label(int m) {
            return m < 0 ? "warm-up " : String.format(Locale.ROOT, "run %3d ", m + 1);
        }

        void report() {
            long sumTotal = Arrays.stream(deployTotal).sum();
            System.out.println();
            System.out.printf(Locale.ROOT, "Rolling deploy of %d instances, %d measured deploys (%d instance "
                    + "replacements); ms%n", INSTANCES, iterations, iterations * INSTANCES);
            System.out.printf(Locale.ROOT, "%-44s %18s %18s %8s%n", "phase", "per instance", "per deploy",
                    "share");
            System.out.printf(Locale.ROOT, "%-44s %18s %18s %8s%n", "", "median / p90", "median / p90", "");
            row("plan (resolve digest + read host)", null, planTotal, sumTotal);
            row("  resolve tag -> digest in the registry", null, planResolve, sumTotal);
            row("  read the host (containers by label)", null, planRead, sumTotal);
            String[] names = {"drain (set drain, sessions -> 0)", "replace (stop, remove, create, start)",
                    "health gate (http + container checks)", "ready (set ready, HAProxy check UP)"};
            for (int x = 0; x < 4; x++) {
                row(names[x], instancePhase[x], phase[x], sumTotal);
            }
            row("between phases (deploy bookkeeping)", null, phase[4], sumTotal);
            row("whole deploy (plan + execute)", null, deployTotal, sumTotal);
            row("  execute only (executor.execute)", null, executeTotal, sumTotal);
            System.out.println();
            System.out.println("Inside replace, docker calls per instance (median / p90 ms): " + dockerSummary());
            System.out.printf(Locale.ROOT, "Health gate: %s container inspects per deploy (median); drain timeouts: "
                    + "%d; most show-stat polls until UP: %d%n", median(gateInspects), drainTimeouts, servingPollsMax);
            System.out.println();
            System.out.println("What the DeploymentListener callbacks alone can cut (per instance, median / p90 ms):");
            String[] cuts = {"batchStarted -> serverOut (set drain)",
                    "serverOut -> instanceDeployed (drain wait + replace + gate)",
                    "instanceDeployed -> serverIn (set ready)",
                    "serverIn -> next batchStarted / end (UP wait + bookkeeping)"};
            for (int x = 0; x < 4; x++) {
                System.out.printf(Locale.ROOT, "  %-62s %8.1f / %8.1f%n", cuts[x], median(listenerCut[x]) / 1e6,
                        p90(listenerCut[x]) / 1e6);
            }
            System.out.println();
            System.out.println("Bare docker CLI, the same four replacements, no load balancer (ms):");
            String[] bareNames = {"docker rm -f", "docker run -d --network host", "GET /health poll until 200"};
            long sumBare = Arrays.stream(bareTotal).sum();
            for (int x = 0; x < 3; x++) {
                long[] perRun = perDeploy(bareInstance[x]);
                System.out.printf(Locale.ROOT, "  %-42s %8.1f / %8.1f %8.1f / %8.1f %7.1f %%%n", bareNames[x],
                        median(bareInstance[x]) / 1e6, p90(bareInstance[x]) / 1e6, median(perRun) / 1e6,
                        p90(perRun) / 1e6, 100.0 * Arrays.stream(perRun).sum() / sumBare);
            }
            System.out.printf(Locale.ROOT, "  %-42s %19s %8.1f / %8.1f%n", "four replacements", "",
                    median(bareTotal) / 1e6, p90(bareTotal) / 1e6);
            System.out.println();
            long[] containerPart = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                containerPart[i] = phase[1][i] + phase[2][i];
            }
            System.out.printf(Locale.ROOT, "whole deploy / bare docker (medians): %.0f / %.0f ms = %.2fx, "
                    + "orchestration overhead %+.0f ms per deploy (%+.0f ms per instance)%n",
                    median(deployTotal) / 1e6, median(bareTotal) / 1e6, median(deployTotal) / median(bareTotal),
                    (median(deployTotal) - median(bareTotal)) / 1e6,
                    (median(deployTotal) - median(bareTotal)) / 1e6 / INSTANCES);
            long[] difference = new long[iterations];
            long[] permille = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                difference[i] = deployTotal[i] - bareTotal[i];
                permille[i] = Math.round(1000.0 * deployTotal[i] / bareTotal[i]);
            }
            System.out.printf(Locale.ROOT, "paired per iteration (deploy and bare side ran back to back): median "
                    + "deploy / bare %.2fx, median difference %+.0f ms (p90 %+.0f ms)%n", median(permille) / 1000,
                    median(difference) / 1e6, p90(difference) / 1e6);
            System.out.printf(Locale.ROOT, "replace + health gate only / bare docker (medians): %.0f / %.0f ms = "
                    + "%.2fx%n", median(containerPart) / 1e6, median(bareTotal) / 1e6,
                    median(containerPart) / median(bareTotal));
            System.out.println("deploy totals: " + millis(deployTotal));
            System.out.println("bare totals:   " + millis(bareTotal));
        }

        private String dockerSummary() {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < PhaseProbe.DOCKER_CALLS.length; c++) {
                parts.add(String.format(Locale.ROOT, "%s %.1f / %.1f", PhaseProbe.DOCKER_CALLS[c],
                        median(dockerCalls[c]) / 1e6, p90(dockerCalls[c]) / 1e6));
            }
            return String.join(", ", parts);
        }

        private void row(String name, long[] perInstance, long[] perDeploy, long sumTotal) {
            String inst = perInstance == null ? "" : String.format(Locale.ROOT, "%8.1f / %8.1f",
                    median(perInstance) / 1e6, p90(perInstance) / 1e6);
            System.out.printf(Locale.ROOT, "%-44s %18s %8.1f / %8.1f %7.1f %%%n", name, inst, median(perDeploy) / 1e6,
                    p90(perDeploy) / 1e6, 100.0 * Arrays.stream(perDeploy).sum() / sumTotal);
        }

        private long[] perDeploy(long[] perInstance) {
            long[] sums = new long[iterations];
            for (int i = 0; i < perInstance.length; i++) {
                sums[i / INSTANCES] += perInstance[i];
            }
            return sums;
        }

        /** Every container of this benchmark: the deploy's (by application label) and the bare ones. */
        static void removeLeftovers() {
            for (String filter : List.of("label=io.releaseledger.application=" + APPLICATION, "name=" + BARE_PREFIX)) {
                ContainerCli.Result list = ContainerCli.tryDocker("ps", "-aq", "--filter", filter);
                if (list.exitCode() != 0) {
                    continue;
                }
                for (String id : list.output().split("\\s+")) {
                    if (!id.isBlank()) {
                        ContainerCli.tryDocker("rm", "-f", "-v", id);
                    }
                }
            }
        }
    }

    /**
     * {@code GET path} on 127.0.0.1:port with HTTP/1.0 on a new connection (as curl does; no pooled connection to a
     * container that was just replaced): "status body", or "error …".
     */
    static String get(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] status = response.split(" ", 3);
            int body = response.indexOf("\r\n\r\n");
            return (status.length > 1 ? status[1] : "?") + " " + (body < 0 ? "" : response.substring(body + 4).strip());
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
    }

    /** Requests through the HAProxy frontend while the run goes on: counts answers that are not 200. */
    private static final class LoadLoop implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private volatile String lastFailure = "";

        LoadLoop(int port, int count) {
            for (int t = 0; t < count; t++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        String answer = get(port, "/version");
                        if (answer.startsWith("200 ")) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastFailure = answer;
                        }
                        RollingHaproxy.sleep(5);
                    }
                }, "load-" + t);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        String summary() {
            return String.format(Locale.ROOT, "load through HAProxy: %d requests answered 200, %d not%s", ok.get(),
                    failed.get(), failed.get() == 0 ? "" : " (last: " + lastFailure + ")");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }
    }

    static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Nearest-rank 90th percentile. */
    static double p90(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(0.9 * sorted.length) - 1)];
    }

    static String millis(long[] values) {
        List<String> parts = new ArrayList<>();
        for (long value : values) {
            parts.add(Long.toString(ms(value)));
        }
        return String.join(" ", parts) + " ms";
    }
}
