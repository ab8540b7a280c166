package io.releaseledger.bench;

import io.releaseledger.git.JGitRepository;
import io.releaseledger.scm.ScmRepository;
import io.releaseledger.semver.SemverTagCommand;
import io.releaseledger.semver.SemverTagResult;
import io.releaseledger.version.SemanticVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Next-version time in a warm JVM: the engine's {@link SemverTagCommand} (dry run, no fetch, no push, no tag)
 * against C git doing the same job in the same run, as process executions:
 * {@code git tag --merged HEAD -l 'v*'}, the highest by SemVer precedence, then
 * {@code git log <tag>..HEAD --format=%B} (the whole {@code git log --format=%B} without a tag).
 *
 * <p>Usage: {@code SemverBench [--warmup N] [--iterations N] <repository>...}; each repository is one scenario.
 * Engine and C git alternate within each iteration, so both see the same machine state.
 */
public final class SemverBench {
    private SemverBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 5;
        int iterations = 10;
        List<Path> repositories = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> repositories.add(Path.of(args[i]).toAbsolutePath());
            }
        }
        if (repositories.isEmpty()) {
            System.err.println("usage: SemverBench [--warmup N] [--iterations N] <repository>...");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, warm-up %d, measured %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, iterations);
        List<String> summary = new ArrayList<>();
        for (Path repository : repositories) {
            summary.add(bench(repository, warmup, iterations));
        }
        System.out.println();
        System.out.println("scenario  engine median  C git median  ratio engine/C-git");
        summary.forEach(System.out::println);
    }

    private static String bench(Path repository, int warmup, int iterations) throws Exception {
        String name = repository.getFileName().toString();
        System.out.println();
        System.out.println("== " + name + ": " + repository);
        Path info = repository.resolve(".git/release-ledger-bench.info");
        if (Files.exists(info)) {
            System.out.print(Files.readString(info).replace("\n", "  ").strip() + "\n");
        }

        // Both must compute from the same base: check before timing anything.
        SemverTagResult result = engine(repository);
        CGitResult cgit = cgit(repository);
        int commits = countCommits(repository, cgit.tag);
        String baseTag = Optional.ofNullable(result.getPreviousTag()).orElse("(none)");
        System.out.printf(Locale.ROOT, "engine: next %s from %s, %d commits counted, bump %s%n", result.getVersion(),
                baseTag, result.getCommits().size(), result.getBump());
        System.out.printf(Locale.ROOT, "C git:  base %s, %d commits, %d bytes of messages%n",
                cgit.tag == null ? "(none)" : cgit.tag, commits, cgit.bytes);
        if (!baseTag.equals(cgit.tag == null ? "(none)" : cgit.tag) || result.getCommits().size() != commits) {
            throw new IllegalStateException("engine and C git disagree on " + repository);
        }

        for (int i = 0; i < warmup; i++) {
            engine(repository);
            cgit(repository);
        }
        long[] engineTimes = new long[iterations];
        long[] gitTimes = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            engine(repository);
            engineTimes[i] = System.nanoTime() - start;
            start = System.nanoTime();
            cgit(repository);
            gitTimes[i] = System.nanoTime() - start;
        }
        double engineMedian = median(engineTimes);
        double gitMedian = median(gitTimes);
        System.out.printf(Locale.ROOT, "engine: median %.0f ms, min %.0f ms  (%s)%n", engineMedian / 1e6,
                min(engineTimes) / 1e6, millis(engineTimes));
        System.out.printf(Locale.ROOT, "C git:  median %.0f ms, min %.0f ms  (%s)%n", gitMedian / 1e6,
                min(gitTimes) / 1e6, millis(gitTimes));
        double ratio = engineMedian / gitMedian;
        System.out.printf(Locale.ROOT, "ratio engine/C-git: %.2f (min/min %.2f)%n", ratio,
                (double) min(engineTimes) / min(gitTimes));
        return String.format(Locale.ROOT, "%-9s %10.0f ms %10.0f ms  %6.2f", name, engineMedian / 1e6,
                gitMedian / 1e6, ratio);
    }

    static SemverTagResult engine(Path repository) {
        try (ScmRepository repo = JGitRepository.open(repository)) {
            return new SemverTagCommand(repo)
                    .setDryRun(true)
                    .setFetch(false)
                    .setPush(false)
                    .setCreateTag(false)
                    .call();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** What C git found: the base tag (or null) and the bytes of the messages of the commits after it. */
    record CGitResult(String tag, long bytes) {
    }

    /** Commits C git counts after the tag (outside the timing: only to check the engine's count). */
    static int countCommits(Path repository, String tag) throws IOException, InterruptedException {
        String count = new String(git(repository, "rev-list", "--count", tag == null ? "HEAD" : tag + "..HEAD"),
                StandardCharsets.UTF_8);
        return Integer.parseInt(count.strip());
    }

    static CGitResult cgit(Path repository) throws IOException, InterruptedException {
        String tags = new String(git(repository, "tag", "--merged", "HEAD", "-l", "v*"), StandardCharsets.UTF_8);
        String best = null;
        SemanticVersion bestVersion = null;
        for (String tag : tags.split("\n")) {
            if (tag.length() > 1) {
                Optional<SemanticVersion> version = SemanticVersion.tryParse(tag.substring(1));
                if (version.isPresent() && (bestVersion == null || version.get().compareTo(bestVersion) > 0)) {
                    best = tag;
                    bestVersion = version.get();
                }
            }
        }
        byte[] log = best == null
                ? git(repository, "log", "--format=%B")
                : git(repository, "log", best + "..HEAD", "--format=%B");
        return new CGitResult(best, log.length);
    }

    private static byte[] git(Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return output;
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
        StringBuilder b = new StringBuilder();
        for (long value : values) {
            b.append(b.length() == 0 ? "" : " ").append(Math.round(value / 1e6));
        }
        return b.append(" ms").toString();
    }
}
