package io.releaseledger.bench;

import io.releaseledger.semver.SemverTagResult;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The engine's part of {@link SemverBench} alone, in a loop: a target for a profiler, e.g.
 * {@code java -XX:StartFlightRecording=filename=semver.jfr,settings=profile -cp … EngineLoop bench/data/semver-A 20}
 * then {@code jfr print --events jdk.ExecutionSample semver.jfr}.
 */
public final class EngineLoop {
    private EngineLoop() {
    }

    public static void main(String[] args) {
        Path repository = Path.of(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            SemverTagResult result = SemverBench.engine(repository);
            System.out.printf(Locale.ROOT, "%d: %s from %s in %.0f ms%n", i, result.getVersion(),
                    result.getPreviousTag(), (System.nanoTime() - start) / 1e6);
        }
    }
}
