package io.releaseledger.bench;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.MetricsQuery;
import io.releaseledger.report.Messages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The DORA metrics (docs/metrics.md) of a 1,000,000-event ledger over 10 environments, from the read model, in one
 * JVM (run it under -Xmx256m): every environment over 12 weeks, and the last environment over its whole history
 * (104 weeks), each with the JSON text written, warm.
 *   java -Xmx256m … MetricsBench ROOT [EVENTS] [ITERATIONS]
 */
public final class MetricsBench {
    private static final String APPLICATION = "bench";
    private static final double TARGET_MS = 200;

    private MetricsBench() {
    }

    public static void main(final String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path directory = root.resolve(APPLICATION);
        Path marker = directory.resolve("generated");
        if (!Files.exists(marker) || !Files.readString(marker).trim().equals(Long.toString(events))) {
            long start = System.nanoTime();
            LedgerGenerator.generate(directory, events, 10, false);
            Files.writeString(marker, events + "\n");
            System.out.printf("generated %,d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("journal: %,d events, %,d MB; max heap %d MB; %d processors; Java %s%n", events,
                Files.size(directory.resolve("events.jsonl")) >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        boolean checkpoint = Files.exists(directory.resolve("checkpoint.bin"));
        long start = System.nanoTime();
        try (Ledger ledger = Ledger.open(root, APPLICATION, new Messages())) {
            System.out.printf("open (%s): %,.0f ms%n", checkpoint ? "from the checkpoint"
                    : "without checkpoint: every line verified, then the checkpoint written", ms(start));
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("heap used with the ledger open (after GC): %d MB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
            Instant until = lastEventTime(ledger).plusSeconds(1);
            measure(ledger, "metrics, all 10 environments, 12 weeks + weekly trend", new MetricsQuery().setUntil(until),
                    iterations);
            measure(ledger, "metrics, env-9, whole history (104 weeks) + weekly trend",
                    new MetricsQuery().setUntil(until).setWeeks(104).setEnvironment("env-9"), iterations);
            measure(ledger, "metrics, all 10 environments, whole history (104 weeks)",
                    new MetricsQuery().setUntil(until).setWeeks(104), iterations);
            System.gc();
            System.out.printf("heap used after the queries (after GC): %d MB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
    }

    private static void measure(final Ledger ledger, final String what, final MetricsQuery query,
            final int iterations) {
        int size = 0;
        for (int i = 0; i < 20; i++) {
            size += Json.write(ledger.view().metrics(query)).length();
        }
        double[] times = new double[iterations];
        double[] cpu = new double[iterations];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            size += Json.write(ledger.view().metrics(query)).length();
            times[i] = ms(start);
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        double median = times[times.length / 2];
        double p99 = times[Math.min(times.length - 1, (int) Math.ceil(times.length * 0.99) - 1)];
        System.out.printf("%s: median %.1f ms, p99 %.1f ms, max %.1f ms over %d warm runs (%s: %.0f ms); CPU time of the "
                + "thread: median %.1f ms, p99 %.1f ms [%d chars of JSON]%n", what, median, p99, times[times.length - 1],
                iterations, median < TARGET_MS ? "under the target" : "OVER the target", TARGET_MS, cpu[cpu.length / 2],
                cpu[Math.min(cpu.length - 1, (int) Math.ceil(cpu.length * 0.99) - 1)], size / (iterations + 20));
    }

    @SuppressWarnings("unchecked")
    private static Instant lastEventTime(final Ledger ledger) {
        List<Object> entries = (List<Object>) ledger.view().history(null, 0, 1).get("entries");
        return Instant.parse((String) ((Map<String, Object>) entries.get(0)).get("at"));
    }

    private static double ms(final long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
