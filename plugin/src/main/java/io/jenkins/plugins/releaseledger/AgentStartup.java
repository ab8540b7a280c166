package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.SemverTagOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How the agent process starts fast (measured in docs/cli.md, "Start-up", and docs/performance.md, "Issue 11, agent
 * process start-up"): an AppCDS archive per kind of operation ({@code semverTag}, {@code deploy}, {@code smoke},
 * {@code drift}) and JVM ({@link AgentJvmKey}), made on the agent beside the cached jar by the first process of that
 * kind and JVM after each new jar and used by every later one; and for the short {@code semverTag} process, C1 only
 * with the serial collector and transparent huge pages where the agent's kernel gives them. The JVM checks an archive
 * against itself and the jar and runs without it when it does not match (then sharing no class at all, hence one per
 * JVM); making one that fails leaves the step as it was.
 */
final class AgentStartup {
    static final String ARCHIVE_SUFFIX = ".jsa";
    /** The kernel's transparent huge page settings, on Linux. */
    static final String TRANSPARENT_HUGE_PAGES = "/sys/kernel/mm/transparent_hugepage";
    /** "always madvise [never]" and the like: a few dozen bytes. */
    private static final int MODE_LIMIT = 1024;

    private final String archive;
    private final String partial;
    private final boolean archived;
    private final String operation;
    private boolean hugePages;

    private AgentStartup(final String archive, final String partial, final boolean archived, final String operation) {
        this.archive = archive;
        this.partial = partial;
        this.archived = archived;
        this.operation = operation;
    }

    /**
     * For the jar {@code jarName} in {@code directory} and a process that runs {@code operation} on the JVM
     * {@code jvmKey} ({@link AgentJvmKey}): uses the archive of that operation's kind and that JVM, or makes one when
     * there is none yet.
     */
    static AgentStartup of(final AgentJarInstall.Directory directory, final String jarName, final String operation,
            final String jvmKey) throws IOException, InterruptedException {
        String archive = archiveName(jarName, operation, jvmKey);
        boolean archived = directory.exists(archive) && directory.length(archive) > 0;
        return new AgentStartup(archive, archived ? null : archive + "." + UUID.randomUUID() + ".part", archived,
                operation);
    }

    /**
     * {@code release-ledger-cli-<sha>-<kind>-<jvm>.jsa} for {@code release-ledger-cli-<sha>.jar}. One archive holds
     * only the classes of the process that made it: {@code semverTag} after a smoke check made the shared one loaded
     * 813 classes from the jar, with its own 179. Archives named before the JVM key ({@code …-<kind>.jsa}, one per
     * kind) stay in the directory unread: the plugin removes none, as it removes no older jar.
     *
     * @param jvmKey eight hex digits ({@link AgentJvmKey})
     */
    static String archiveName(final String jarName, final String operation, final String jvmKey) {
        String base = jarName.endsWith(".jar") ? jarName.substring(0, jarName.length() - 4) : jarName;
        return base + "-" + kind(operation) + "-" + jvmKey + ARCHIVE_SUFFIX;
    }

    /** {@code deploy} for {@code deploy.plan}, {@code deploy.execute}, …; letters and digits only (a file name). */
    static String kind(final String operation) {
        String name = operation == null ? "" : operation;
        int dot = name.indexOf('.');
        String kind = (dot < 0 ? name : name.substring(0, dot)).replaceAll("[^A-Za-z0-9]", "");
        return kind.isEmpty() ? "other" : kind;
    }

    /**
     * For {@code semverTag}: asks for transparent huge pages when the agent's kernel ({@code kernel}, its
     * {@link #TRANSPARENT_HUGE_PAGES} directory) gives them on request. Only with {@code hpage_pmd_size} (Linux 4.10
     * and later): without it JDK 17.0.15 prints a warning that {@code -Xlog:pagesize=off} does not silence, and some
     * builds crash at start-up (JDK-8324580). And only on {@code madvise}, as the launcher {@code ./release-ledger}
     * does: on {@code always} the heap has them anyway, on {@code never} there are none to ask for. Nothing is read
     * for the other operations, which do not ask. Each file operation is a round trip to the agent: {@code enabled}
     * is read first (where there is none, the read fails: not Linux, or no THP), {@code hpage_pmd_size} looked for
     * only on {@code madvise}; one or two calls.
     */
    void askForHugePagesWhereGiven(final AgentJarInstall.Directory kernel) throws InterruptedException {
        if (!SemverTagOperation.NAME.equals(operation)) {
            return;
        }
        try {
            String mode = kernel.read("enabled", MODE_LIMIT);
            hugePages = mode != null && mode.contains("[madvise]") && kernel.exists("hpage_pmd_size");
        } catch (IOException e) {
            hugePages = false; // a kernel the agent cannot read: start without them
        }
    }

    /**
     * The JVM options before {@code -jar}; {@code directoryPath} is where the jar lies on the agent, with its
     * separator ({@code /} or {@code \}).
     */
    List<String> options(final String directoryPath, final String separator) {
        List<String> options = new ArrayList<>();
        // A JVM without CDS, or without transparent huge pages (they exist on Linux only), starts anyway.
        options.add("-XX:+IgnoreUnrecognizedVMOptions");
        String prefix = directoryPath.endsWith(separator) ? directoryPath : directoryPath + separator;
        options.add(archived ? "-XX:SharedArchiveFile=" + prefix + archive : "-XX:ArchiveClassesAtExit=" + prefix + partial);
        options.add("-Xlog:cds=off");
        options.add("-Xlog:cds+dynamic=off");
        if (SemverTagOperation.NAME.equals(operation)) {
            options.add("-XX:TieredStopAtLevel=1");
            options.add("-XX:+UseSerialGC");
        }
        if (hugePages) {
            // The kernel was read on the agent just before; should its mode change to "never" meanwhile, the JVM
            // says so in a [pagesize] warning on stdout, the build log: this log selection silences that alone.
            options.add("-XX:+UseTransparentHugePages");
            options.add("-Xlog:pagesize=off");
        }
        return options;
    }

    boolean isArchived() {
        return archived;
    }

    /**
     * After the process: puts the archive it made into place (unless another process did first) and removes what is
     * left. Only after a process that exited 0: one that was killed or failed may have left a truncated archive, with
     * which JDK 17 crashes (SIGBUS) on every later start. Never fails: without an archive the next process simply
     * makes one.
     */
    void keep(final AgentJarInstall.Directory directory, final int exitCode) throws InterruptedException {
        if (archived) {
            return;
        }
        try {
            if (exitCode == 0 && directory.exists(partial) && directory.length(partial) > 0
                    && !directory.exists(archive)) {
                directory.rename(partial, archive);
            }
        } catch (IOException e) {
            // another build renamed its archive first, or the directory is read-only: run without one
        }
        try {
            if (directory.exists(partial)) {
                directory.delete(partial);
            }
        } catch (IOException e) {
            // a stray .part file; nothing reads it
        }
    }
}
