package io.releaseledger.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a large repository through {@code git fast-import}: a main line with regular merges of short side
 * branches, Conventional Commit messages, and tags.
 *
 * <ul>
 *   <li>Scenario {@code A}: version tags {@code v…} (final and pre-release, annotated and lightweight) up to the
 *   commit {@code tagDistance} commits behind HEAD, the last one exactly there; a higher version tag on a branch
 *   that is never merged; and tags that must be ignored everywhere (other prefixes, invalid versions).</li>
 *   <li>Scenario {@code B}: the same history with only the tags that must be ignored: no matching tag at all.</li>
 * </ul>
 *
 * <p>Usage: {@code RepoGenerator <directory> <A|B> [commits] [tagDistance]}; defaults 100000 and 50000. Then runs
 * {@code git gc} (which writes a commit-graph with git's defaults) and checks out {@code main}.
 */
public final class RepoGenerator {
    private static final String[] TYPES = {"feat", "fix", "chore", "docs", "refactor", "fix", "perf", "test", "build",
        "ci", "style", "fix", "feat"};
    private static final String[] SCOPES = {"", "(api)", "(ui)", "(deploy)", "(core)", "(cli)", ""};
    private static final String[] WORDS = {"ledger", "release", "deploy", "stage", "rollback", "promote", "digest",
        "registry", "proxy", "check", "version", "tag", "branch", "agent", "image", "host"};
    private static final long START_EPOCH = 1_420_070_400L; // 2015-01-01

    private final OutputStream out;
    private final int commits;
    private final int lastTagAt;
    private final boolean versionTags;
    private int mark;
    private int generated;
    private int tagsWritten;
    private int mainTip;
    private int version = 1; // the "minor" that keeps rising; versions are 1.<minor>.<patch>
    private int patch;

    private RepoGenerator(OutputStream out, int commits, int tagDistance, boolean versionTags) {
        this.out = out;
        this.commits = commits;
        this.lastTagAt = commits - tagDistance;
        this.versionTags = versionTags;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RepoGenerator <directory> <A|B> [commits] [tagDistance]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        String scenario = args[1].toUpperCase(Locale.ROOT);
        int commits = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int tagDistance = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        if (!scenario.equals("A") && !scenario.equals("B")) {
            throw new IllegalArgumentException("scenario must be A or B, not " + scenario);
        }
        generate(dir, scenario.equals("A"), commits, tagDistance);
    }

    static void generate(Path dir, boolean versionTags, int commits, int tagDistance) throws Exception {
        if (Files.exists(dir.resolve(".git"))) {
            throw new IllegalStateException(dir + " already holds a repository; delete it first");
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        run(dir, "git", "init", "-q", "-b", "main");
        Process fastImport = new ProcessBuilder("git", "fast-import", "--quiet", "--done")
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        RepoGenerator generator;
        try (OutputStream stream = new BufferedOutputStream(fastImport.getOutputStream(), 1 << 20)) {
            generator = new RepoGenerator(stream, commits, tagDistance, versionTags);
            generator.write();
        }
        if (fastImport.waitFor() != 0) {
            throw new IllegalStateException("git fast-import failed with exit " + fastImport.exitValue());
        }
        run(dir, "git", "update-ref", "-d", "refs/heads/side");
        long imported = System.nanoTime();
        run(dir, "git", "gc", "--quiet");
        long packed = System.nanoTime();
        run(dir, "git", "reset", "-q", "--hard", "main");
        boolean commitGraph = Files.exists(dir.resolve(".git/objects/info/commit-graph"))
                || Files.exists(dir.resolve(".git/objects/info/commit-graphs"));
        String info = String.format(Locale.ROOT,
                "scenario=%s%ncommits=%d%ntags=%d%nfast-import=%.1fs%ngc=%.1fs%ncommit-graph=%s%n",
                versionTags ? "A" : "B", generator.generated, generator.tagsWritten,
                (imported - start) / 1e9, (packed - imported) / 1e9, commitGraph);
        Files.writeString(dir.resolve(".git/release-ledger-bench.info"), info);
        System.out.print(dir + "\n" + info);
    }

    private void write() throws IOException {
        // History: main commits, and every 500 main commits a 4-commit side branch merged back.
        int sinceMerge = 0;
        while (generated < commits) {
            int remaining = commits - generated;
            // A merge adds 5 commits at once: never across the last tag's position, which must be on main.
            boolean spansLastTag = versionTags && generated < lastTagAt && lastTagAt < generated + 5;
            if (sinceMerge >= 500 && remaining > 6 && !spansLastTag) {
                int fork = mainTip;
                int sideTip = fork;
                for (int s = 0; s < 4; s++) {
                    sideTip = commit("refs/heads/side", sideTip, 0, message(generated), generated);
                }
                mainTip = commit("refs/heads/main", mainTip, sideTip,
                        "Merge branch 'topic-" + generated + "'\n\n" + message(generated - 1), generated);
                sinceMerge = 0;
            } else {
                mainTip = commit("refs/heads/main", mainTip, 0, message(generated), generated);
                sinceMerge++;
            }
            tagIfDue();
        }
        if (versionTags) {
            // A higher version on a branch that is never merged: it must not count.
            int unmerged = commit("refs/heads/experiment", mainTip, 0, "feat: experiment that never lands", generated);
            generated--; // not part of main's history
            annotatedTag("v99.0.0", unmerged, "99.0.0");
        }
        write("done\n");
    }

    private void tagIfDue() throws IOException {
        int n = generated;
        if (versionTags && n <= lastTagAt && (n % 1000 == 0 || n == lastTagAt)) {
            if (n == lastTagAt) {
                version++;
                patch = 0;
                annotatedTag("v1." + version + ".0", mainTip, "release 1." + version + ".0");
            } else if (n % 5000 == 0) {
                annotatedTag("v1." + (version + 1) + ".0-rc." + (n / 5000 % 3 + 1), mainTip, "release candidate");
                lightweightTag("v1." + (version + 1) + ".0-beta.1+build." + n, mainTip);
            } else if (n % 2000 == 0) {
                version++;
                patch = 0;
                annotatedTag("v1." + version + ".0", mainTip, "release 1." + version + ".0");
            } else {
                patch++;
                lightweightTag("v1." + version + "." + patch, mainTip);
            }
        }
        if (n % 7000 == 0) {
            // Tags that never match: another prefix, and v-tags that are not versions.
            lightweightTag("release-" + n, mainTip);
            annotatedTag("api/v" + (n / 7000) + ".0.0", mainTip, "api release");
            lightweightTag("v" + (n / 7000) + "." + (n % 10), mainTip);       // v7.0: two numbers only
            lightweightTag("vnext-" + n, mainTip);
            lightweightTag("v" + (n / 7000 + 100) + ".01.0", mainTip);        // leading zero
        }
    }

    private int commit(String ref, int parent, int mergeParent, String message, int index) throws IOException {
        int id = ++mark;
        long when = START_EPOCH + index * 600L;
        String author = WORDS[index % WORDS.length];
        StringBuilder b = new StringBuilder(256);
        b.append("commit ").append(ref).append('\n')
                .append("mark :").append(id).append('\n')
                .append("author ").append(author).append(" <").append(author).append("@example.invalid> ")
                .append(when).append(" +0000\n")
                .append("committer CI <ci@example.invalid> ").append(when).append(" +0000\n");
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        b.append("data ").append(text.length).append('\n');
        write(b.toString());
        out.write(text);
        b.setLength(0);
        b.append('\n');
        if (parent != 0) {
            b.append("from :").append(parent).append('\n');
        }
        if (mergeParent != 0) {
            b.append("merge :").append(mergeParent).append('\n');
        }
        String path = "src/module" + (index % 20) + "/File" + (index % 37) + ".txt";
        byte[] content = ("change " + index + " " + WORDS[(index * 7) % WORDS.length] + "\n").getBytes(StandardCharsets.UTF_8);
        b.append("M 100644 inline ").append(path).append('\n').append("data ").append(content.length).append('\n');
        write(b.toString());
        out.write(content);
        write("\n");
        generated++;
        return id;
    }

    private void annotatedTag(String name, int target, String message) throws IOException {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        write("tag " + name + "\nfrom :" + target + "\ntagger CI <ci@example.invalid> "
                + (START_EPOCH + generated * 600L) + " +0000\ndata " + text.length + "\n");
        out.write(text);
        write("\n");
        tagsWritten++;
    }

    private void lightweightTag(String name, int target) throws IOException {
        write("reset refs/tags/" + name + "\nfrom :" + target + "\n\n");
        tagsWritten++;
    }

    private static String message(int i) {
        String type = TYPES[i % TYPES.length];
        String scope = SCOPES[i % SCOPES.length];
        String subject = WORDS[i % WORDS.length] + " " + WORDS[(i / 3) % WORDS.length] + " handling " + i;
        if (i % 97 == 0) {
            return "Update " + WORDS[i % WORDS.length] + " notes"; // not a Conventional Commit
        }
        StringBuilder m = new StringBuilder(type).append(scope);
        if (i % 20_011 == 0) {
            m.append('!');
        }
        m.append(": ").append(subject);
        if (i % 3 == 0) {
            m.append("\n\nThe ").append(WORDS[(i / 5) % WORDS.length]).append(" now keeps the ")
                    .append(WORDS[(i / 7) % WORDS.length]).append(" when the ")
                    .append(WORDS[(i / 11) % WORDS.length]).append(" changes.\nSecond line of the body ").append(i)
                    .append('.');
        }
        if (i % 4 == 0) {
            m.append("\n\nRefs: #").append(i % 5000);
        }
        return m.append('\n').toString();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit " + process.exitValue());
        }
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
