package io.releaseledger.bench;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerKey;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ledger on 1,000,000 events over 10 environments, in one JVM (run it under -Xmx256m): open with and
 * without checkpoint, current state, one history page, fsync'd appends, and the same two queries done the
 * naive way (re-read and parse every record per request), with the ratios.
 *   java -Xmx256m … LedgerBench ROOT [EVENTS] [ITERATIONS]
 */
public final class LedgerBench {
    private static final String APPLICATION = "bench";

    private LedgerBench() {
    }

    public static void main(final String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        boolean keyed = args.length > 3 && "keyed".equals(args[3]);
        LedgerKeys keys = keyed ? LedgerKeys.of(LedgerKey.of(LedgerGenerator.BENCH_KEY)) : LedgerKeys.none();
        String generated = events + (keyed ? " keyed" : "");
        Path directory = root.resolve(APPLICATION);
        Path journal = directory.resolve("events.jsonl");
        Path marker = directory.resolve("generated");
        if (!Files.exists(marker) || !Files.readString(marker).trim().equals(generated)) {
            long start = System.nanoTime();
            LedgerGenerator.generate(directory, events, 10, keyed);
            Files.writeString(marker, generated + "\n");
            System.out.printf("generated %,d events (%,d MB) in %.1f s%n", events, Files.size(journal) >> 20,
                    (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("journal: %,d events%s, %,d MB; max heap %d MB; %d processors; Java %s%n", events,
                keyed ? " sealed with a ledger key" : "",
                Files.size(journal) >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Files.deleteIfExists(directory.resolve("checkpoint.bin"));
        long start = System.nanoTime();
        Messages notes = new Messages();
        Ledger.open(root, APPLICATION, notes, keys).close();
        double cold = ms(start);
        System.out.printf("open without checkpoint (reads and verifies every line, then writes the checkpoint): %,.0f ms%n", cold);
        System.out.printf("checkpoint.bin: %,d KB%n", Files.size(directory.resolve("checkpoint.bin")) >> 10);

        double[] opens = new double[7];
        for (int i = 0; i < opens.length; i++) {
            System.gc();
            start = System.nanoTime();
            Ledger.open(root, APPLICATION, new Messages(), keys).close();
            opens[i] = ms(start);
        }
        System.out.printf("open with checkpoint: median %.0f ms (min %.0f) over %d%n", median(opens), min(opens), opens.length);

        try (Ledger ledger = Ledger.open(root, APPLICATION, new Messages(), keys)) {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("heap used with the ledger open (after GC): %d MB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
            double[] state = new double[iterations];
            double[] page = new double[iterations];
            double[] allPage = new double[iterations];
            int size = 0;
            for (int i = 0; i < iterations; i++) {
                start = System.nanoTime();
                Map<String, Object> json = ledger.view().state();
                size += Json.write(json).length();
                state[i] = ms(start);
                start = System.nanoTime();
                LedgerView view = ledger.view();
                size += Json.write(view.history("env-" + i % 10, i % 50, 20)).length();
                page[i] = ms(start);
                start = System.nanoTime();
                size += Json.write(ledger.view().history(null, i % 50, 20)).length();
                allPage[i] = ms(start);
            }
            System.out.printf("state (view() with catch-up + state() + JSON text): median %.3f ms, p99 %.3f ms%n",
                    median(state), percentile(state, 0.99));
            System.out.printf("history page of 20, one environment (view() + history() + JSON text): median %.3f ms, p99 %.3f ms%n",
                    median(page), percentile(page, 0.99));
            System.out.printf("history page of 20, all environments: median %.3f ms, p99 %.3f ms (%d chars served)%n",
                    median(allPage), percentile(allPage, 0.99), size);

            double naiveState = 0;
            double naivePage = 0;
            int naiveRuns = 3;
            for (int i = 0; i < naiveRuns; i++) {
                start = System.nanoTime();
                naiveState(journal);
                naiveState += ms(start) / naiveRuns;
                start = System.nanoTime();
                naivePage(journal, "env-3", 10, 20);
                naivePage += ms(start) / naiveRuns;
            }
            System.out.printf("naive state (parse every line per request): mean %,.0f ms over %d -> ratio %,.0fx%n",
                    naiveState, naiveRuns, naiveState / median(state));
            System.out.printf("naive history page: mean %,.0f ms over %d -> ratio %,.0fx%n", naivePage, naiveRuns,
                    naivePage / median(page));
        }

        Path appendRoot = root.resolve("append-run");
        deleteTree(appendRoot);
        int appends = 2000;
        try (Ledger ledger = Ledger.open(appendRoot, "bench-append", new Messages(), keys)) {
            Actor actor = new Actor("bench", "Bench");
            Origin origin = Origin.build("shop/main", 1, "https://ci.example/job/shop/job/main/1/", false);
            start = System.nanoTime();
            for (int i = 0; i < appends; i++) {
                ledger.append(new EventDraft(EventTypes.CHECK_RECORDED, actor, origin).setEnvironment("env-" + i % 10)
                        .setData(Map.of("version", "1.0." + i, "passed", true, "results", List.of())));
            }
            double total = ms(start);
            System.out.printf("append with fsync per event: %d in %,.0f ms = %,.0f events/s (%.2f ms each)%n", appends,
                    total, appends / (total / 1000), total / appends);
        }
        deleteTree(appendRoot);
    }

    /** What a dashboard does today: read every record and fold it into the current release per environment. */
    static Map<String, String> naiveState(final Path journal) throws Exception {
        Map<String, String> current = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Map<String, Object> event = Json.parseObject(line);
                Object type = event.get("type");
                Map<?, ?> data = (Map<?, ?>) event.get("data");
                if ("deployment.succeeded".equals(type) || "release.promoted".equals(type)) {
                    current.put((String) event.get("environment"), (String) data.get("version"));
                } else if ("release.rolledback".equals(type)) {
                    current.put((String) event.get("environment"), (String) data.get("to"));
                }
            }
        }
        return current;
    }

    /** The naive history page: read every record, keep the environment's, take one page newest first. */
    static List<Map<String, Object>> naivePage(final Path journal, final String environment, final int page,
            final int size) throws Exception {
        List<Map<String, Object>> matching = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Map<String, Object> event = Json.parseObject(line);
                if (environment.equals(event.get("environment"))) {
                    matching.add(event);
                    if (matching.size() > (page + 1) * size * 4) {
                        matching.subList(0, matching.size() - (page + 1) * size).clear();
                    }
                }
            }
        }
        int end = matching.size() - page * size;
        return new ArrayList<>(matching.subList(Math.max(0, end - size), Math.max(0, end)));
    }

    private static double ms(final long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(final double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(final double[] values, final double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static double min(final double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static void deleteTree(final Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
