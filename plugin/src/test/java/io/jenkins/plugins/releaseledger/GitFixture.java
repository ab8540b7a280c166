package io.jenkins.plugins.releaseledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real repositories for the JenkinsRule tests, made with C git: a bare "origin" with a tagged history. */
final class GitFixture {
    private final Path seed;
    private final Path origin;

    private GitFixture(final Path seed, final Path origin) {
        this.seed = seed;
        this.origin = origin;
    }

    /** An origin on {@code main} with {@code v1.2.0} on a feat commit and one more feat commit after it. */
    static GitFixture releasedOnceThenOneFeature(final Path directory) throws IOException, InterruptedException {
        Path seed = directory.resolve("seed");
        Path origin = directory.resolve("origin.git");
        Files.createDirectories(seed);
        git(seed, "init", "-q", "-b", "main");
        commit(seed, "app.txt", "one", "feat: first feature");
        git(seed, "tag", "-a", "v1.2.0", "-m", "1.2.0");
        commit(seed, "app.txt", "two", "feat: search");
        git(directory, "clone", "-q", "--bare", seed.toString(), origin.toString());
        return new GitFixture(seed, origin);
    }

    /**
     * A new directory that neither it nor any parent holds a {@code .git}, for "outside a repository": the JenkinsRule
     * home lies inside this project's checkout. {@code null} when no usual temporary place qualifies.
     */
    static Path directoryOutsideAnyCheckout() throws IOException {
        for (String base : new String[] {System.getenv("TMPDIR"), "/tmp", "/var/tmp", System.getProperty("user.home")}) {
            Path directory = base == null ? null : Path.of(base).toAbsolutePath().normalize();
            if (directory != null && Files.isDirectory(directory) && !insideACheckout(directory)) {
                return Files.createTempDirectory(directory, "release-ledger-itest-");
            }
        }
        return null;
    }

    private static boolean insideACheckout(final Path directory) {
        for (Path current = directory; current != null; current = current.getParent()) {
            if (Files.exists(current.resolve(".git")) || Files.isRegularFile(current.resolve("HEAD"))) {
                return true;
            }
        }
        return false;
    }

    String originUrl() {
        return origin.toUri().toString();
    }

    List<String> originTags() throws IOException, InterruptedException {
        String tags = git(origin, "tag", "-l");
        return tags.isBlank() ? List.of() : List.of(tags.strip().split("\\R"));
    }

    Path seed() {
        return seed;
    }

    private static void commit(final Path repository, final String file, final String content, final String message)
            throws IOException, InterruptedException {
        Files.writeString(repository.resolve(file), content, StandardCharsets.UTF_8);
        git(repository, "add", file);
        git(repository, "commit", "-q", "-m", message);
    }

    static String git(final Path directory, final String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Release Ledger Test",
                "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
