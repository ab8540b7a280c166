package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SemverTagOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process's start-up options and its class archive, made and used by the real JVM running the plugin's CLI
 * jar, on a local directory with the semantics of the real {@code FilePath} (jenkins-2.541.3: {@code renameTo} is
 * {@code Files.move} without {@code REPLACE_EXISTING}).
 */
class AgentStartupTest {
    private static final String JAR = "release-ledger-cli-0123abcd.jar";
    private static final String KEY = "0badc0de";

    @TempDir
    Path directory;

    @Test
    void shouldMakeTheArchiveBesideTheJarAndThenUseIt() throws Exception {
        AgentStartup first = AgentStartup.of(local(), JAR, "deploy.plan", KEY);
        List<String> making = first.options("/ws@tmp", "/");

        assertThat(first.isArchived()).isFalse();
        assertThat(making).contains("-XX:+IgnoreUnrecognizedVMOptions", "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                .anyMatch(option -> option.matches("-XX:ArchiveClassesAtExit=/ws@tmp/release-ledger-cli-0123abcd"
                        + "-deploy-0badc0de\\.jsa\\.[0-9a-f-]+\\.part"))
                .doesNotContain("-XX:TieredStopAtLevel=1");

        Files.write(directory.resolve("release-ledger-cli-0123abcd-semverTag-0badc0de.jsa"), new byte[] {1});
        AgentStartup later = AgentStartup.of(local(), JAR, "semverTag", KEY);

        assertThat(later.isArchived()).isTrue();
        assertThat(later.options("C:\\ws@tmp\\", "\\")).contains(
                "-XX:SharedArchiveFile=C:\\ws@tmp\\release-ledger-cli-0123abcd-semverTag-0badc0de.jsa",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    @Test
    void shouldAskForHugePagesSilentlyForSemverTagOnly() throws Exception {
        AgentJarInstall.Directory madvise = kernel("always [madvise] never", true);
        AgentJarInstall.Directory unread = new LocalDirectory(directory) {
            @Override
            public boolean exists(final String name) {
                throw new AssertionError("read the kernel for an operation that does not ask");
            }

            @Override
            public String read(final String name, final int limit) {
                throw new AssertionError("read the kernel for an operation that does not ask");
            }
        };

        assertThat(options("semverTag", madvise))
                .containsSubsequence("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UseTransparentHugePages")
                .contains("-Xlog:pagesize=off");
        assertThat(List.of("deploy.execute", "smoke.run", "drift.observe")).allSatisfy(operation -> assertThat(
                options(operation, unread))
                .doesNotContain("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * The agent's kernel decides, as the launcher's does: Linux 4.10 or later, in madvise mode (in always mode the heap
     * has them without asking).
     */
    @Test
    void shouldAskForHugePagesOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
        assertThat(options("semverTag", kernel("always [madvise] never", true)))
                .contains("-XX:+UseTransparentHugePages");
        assertThat(options("semverTag", kernel("[always] madvise never", true)))
                .as("always: the heap has them anyway")
                .doesNotContain("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");
        assertThat(options("semverTag", kernel("always madvise [never]", true)))
                .doesNotContain("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");
        assertThat(options("semverTag", kernel("always [madvise] never", false)))
                .as("a kernel before 4.10, without hpage_pmd_size")
                .doesNotContain("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");
        assertThat(options("semverTag", new LocalDirectory(Files.createDirectory(directory.resolve("no-thp")))))
                .as("no such directory: not Linux, or no THP")
                .doesNotContain("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");
        assertThat(AgentStartup.of(local(), JAR, "semverTag", KEY).options("/ws@tmp", "/"))
                .as("a kernel not read").doesNotContain("-XX:+UseTransparentHugePages");
    }

    /** Each file operation is a round trip to the agent: {@code enabled} first, {@code hpage_pmd_size} on madvise. */
    @Test
    void shouldReadTheKernelInOneCallUnlessItGivesHugePagesOnRequest() throws Exception {
        assertThat(kernelCalls(kernel("always [madvise] never", true)))
                .containsExactly("read enabled", "exists hpage_pmd_size");
        assertThat(kernelCalls(kernel("[always] madvise never", true))).containsExactly("read enabled");
        assertThat(kernelCalls(kernel("always madvise [never]", true))).containsExactly("read enabled");
        assertThat(kernelCalls(new LocalDirectory(directory.resolve("no-thp")))).as("not Linux, or no THP")
                .containsExactly("read enabled");
    }

    /**
     * The real JVM where the kernel has no {@code hpage_pmd_size} (before 4.10, e.g. CentOS 7), in a mount namespace
     * of its own (root only): JDK 17.0.15 prints "TransparentHugePages is not supported by the operating system" for
     * {@code -XX:+UseTransparentHugePages} whatever the log selection; the agent's options must not ask there.
     */
    @Test
    void shouldStartSilentlyWhereTheKernelHasNoHugePageSize() throws Exception {
        Path settings = Files.createDirectory(directory.resolve("thp-before-4.10"));
        Files.writeString(settings.resolve("enabled"), "always [madvise] never\n", StandardCharsets.UTF_8);
        List<String> oldKernel = kernelNamespace(settings, "bind-dir");
        copyJar();
        Run plain = run(List.of(), List.of());

        Run warned = run(oldKernel, List.of("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off"));
        assumeThat(warned.output).as("a JDK that warns about huge pages on a kernel without hpage_pmd_size")
                .contains("TransparentHugePages is not supported by the operating system");
        AgentStartup startup = AgentStartup.of(local(), JAR, "semverTag", KEY);
        startup.askForHugePagesWhereGiven(new LocalDirectory(settings));
        Run agent = run(oldKernel, startup.options(directory.toString(), "/"));

        assertThat(agent.exitCode).isEqualTo(plain.exitCode);
        assertThat(agent.output).isEqualTo(plain.output).doesNotContainIgnoringCase("TransparentHugePages");
        assertThat(agent.response).isEqualTo(plain.response);
    }

    /**
     * The real JVM on a kernel whose THP mode is {@code never}, in a mount namespace of its own (root only; skipped
     * elsewhere): JDK 17.0.15 and 25 then print a {@code [warning][pagesize]} line on stdout for
     * {@code -XX:+UseTransparentHugePages}, which the options must keep out of the build log (skipped with a JDK
     * that does not print it: the test would show nothing there).
     */
    @Test
    void shouldStartSilentlyWhereTheKernelGivesNoHugePages() throws Exception {
        Path settings = Files.createDirectory(directory.resolve("thp-never"));
        Files.writeString(settings.resolve("enabled"), "always madvise [never]\n", StandardCharsets.UTF_8);
        Files.writeString(settings.resolve("hpage_pmd_size"), "2097152\n", StandardCharsets.UTF_8);
        List<String> kernelWithoutHugePages = kernelNamespace(settings.resolve("enabled"), "bind-file");
        copyJar();
        Run plain = run(List.of(), List.of());

        Run warned = run(kernelWithoutHugePages, List.of("-XX:+UseTransparentHugePages"));
        // only JDK builds that read the kernel's THP mode print it (17.0.15 and 25 do); without it nothing is shown
        assumeThat(warned.output).as("a JDK that warns about huge pages on a kernel set to never")
                .contains("[warning][pagesize] UseTransparentHugePages disabled");
        AgentStartup startup = AgentStartup.of(local(), JAR, "semverTag", KEY);
        startup.askForHugePagesWhereGiven(new LocalDirectory(settings));
        Run agent = run(kernelWithoutHugePages, startup.options(directory.toString(), "/"));

        assertThat(agent.exitCode).isEqualTo(plain.exitCode);
        assertThat(agent.output).isEqualTo(plain.output).doesNotContainIgnoringCase("pagesize");
        assertThat(agent.response).isEqualTo(plain.response);
    }

    @Test
    void shouldKeepOneArchivePerKindOfOperation() throws Exception {
        Files.write(directory.resolve("release-ledger-cli-0123abcd-smoke-0badc0de.jsa"), new byte[] {1});

        assertThat(AgentStartup.of(local(), JAR, "smoke.run", KEY).isArchived()).isTrue();
        assertThat(AgentStartup.of(local(), JAR, "semverTag", KEY).isArchived()).isFalse();
        assertThat(AgentStartup.of(local(), JAR, "deploy.execute", KEY).isArchived()).isFalse();
        assertThat(List.of("semverTag", "deploy.plan", "deploy.execute", "deploy.reconcile", "deploy.tag", "smoke.run",
                "drift.observe", "../x", "")).extracting(operation -> AgentStartup.archiveName(JAR, operation, KEY))
                .containsExactly(Stream.of("semverTag", "deploy", "deploy", "deploy", "deploy", "smoke", "drift",
                        "other", "other").map(kind -> "release-ledger-cli-0123abcd-" + kind + "-0badc0de.jsa")
                        .toArray(String[]::new));
    }

    /** Another JVM's archive would share no class at all: each JVM gets archives of its own. */
    @Test
    void shouldNameTheArchiveAfterTheJavaHomeAndItsReleaseFile() throws Exception {
        String jdk = javaHome("jdk", "17.0.15+6", "17.0.15", "Eclipse Adoptium").toString();
        String copy = javaHome("copy", "17.0.15+6", "17.0.15", "Eclipse Adoptium").toString();
        String javaHome = archiveName(Map.of("JAVA_HOME", jdk), null);

        assertThat(javaHome).matches("release-ledger-cli-0123abcd-semverTag-[0-9a-f]{8}\\.jsa")
                .isEqualTo(archiveName(Map.of("JAVA_HOME", jdk), null)).as("another home, the same release file")
                .isNotEqualTo(archiveName(Map.of("JAVA_HOME", copy), null));
        javaHome("jdk", "17.0.16+8", "17.0.15", "Eclipse Adoptium");
        assertThat(archiveName(Map.of("JAVA_HOME", jdk), null)).as("updated in place").isNotEqualTo(javaHome);
        javaHome("jdk", "17.0.15+6", "17.0.16", "Eclipse Adoptium");
        assertThat(archiveName(Map.of("JAVA_HOME", jdk), null)).as("JAVA_VERSION").isNotEqualTo(javaHome);
        javaHome("jdk", "17.0.15+6", "17.0.15", "Azul Systems, Inc.");
        assertThat(archiveName(Map.of("JAVA_HOME", jdk), null)).as("IMPLEMENTOR").isNotEqualTo(javaHome);
        javaHome("jdk", "17.0.15+6", "17.0.15", "Eclipse Adoptium");
        Files.writeString(Path.of(jdk, "release"), "JAVA_VERSION_DATE=\"2025-04-15\"\r\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(archiveName(Map.of("JAVA_HOME", jdk), null)).as("another line, and a CR").isEqualTo(javaHome);
    }

    /** Without JAVA_HOME, java from the PATH or else the agent JVM's: not the same command as that home's java. */
    @Test
    void shouldNameTheArchiveOfTheAgentJvmsJavaApartFromTheSameJavaHome() throws Exception {
        String jdk = javaHome("jdk", "17.0.15+6", "17.0.15", "Eclipse Adoptium").toString();

        assertThat(archiveName(Map.of(), jdk)).matches("release-ledger-cli-0123abcd-semverTag-[0-9a-f]{8}\\.jsa")
                .isNotEqualTo(archiveName(Map.of("JAVA_HOME", jdk), null));
        assertThat(AgentJvmKey.of(Map.of(), false, jdk, this::home)).as("Windows: the same java.exe either way")
                .isEqualTo(AgentJvmKey.of(Map.of("JAVA_HOME", jdk), false, null, this::home));
    }

    @Test
    void shouldNameTheArchiveAfterThePathAloneWithoutAReleaseFileItCanRead() throws Exception {
        Path jdk = javaHome("jdk", "17.0.15+6", "17.0.15", "Eclipse Adoptium");
        String withRelease = archiveName(Map.of("JAVA_HOME", jdk.toString()), null);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17\"\n".repeat(10_000), StandardCharsets.UTF_8);
        String tooLarge = archiveName(Map.of("JAVA_HOME", jdk.toString()), null);
        Files.delete(jdk.resolve("release"));
        String none = archiveName(Map.of("JAVA_HOME", jdk.toString()), null);

        assertThat(none).matches("release-ledger-cli-0123abcd-semverTag-[0-9a-f]{8}\\.jsa").isEqualTo(tooLarge)
                .isNotEqualTo(withRelease);
        assertThat(archiveName(Map.of(), null)).as("java from the PATH, the agent JVM's home unknown")
                .matches("release-ledger-cli-0123abcd-semverTag-[0-9a-f]{8}\\.jsa").isNotEqualTo(none);
    }

    /** One round trip: the release file of the home whose java the command names, and nothing where none is known. */
    @Test
    void shouldReadOnlyTheReleaseFileOfTheChosenJavaInOneCall() throws Exception {
        String build = javaHome("build", "21.0.7+6", "21.0.7", "Eclipse Adoptium").toString();
        String agent = javaHome("agent", "17.0.15+6", "17.0.15", "Eclipse Adoptium").toString();
        List<String> calls = new ArrayList<>();
        Function<String, AgentJarInstall.Directory> homes = home -> new Counted(home(home), calls);

        AgentJvmKey.of(Map.of("JAVA_HOME", build + "/"), true, agent, homes);
        AgentJvmKey.of(Map.of(), true, agent, homes);
        AgentJvmKey.of(Map.of(), true, null, homes);

        assertThat(calls).containsExactly("read release", "read release");
        assertThat(AgentJvmKey.of(Map.of("JAVA_HOME", build + "/"), true, agent, homes))
                .isEqualTo(AgentJvmKey.of(Map.of("JAVA_HOME", build), true, null, homes))
                .isNotEqualTo(AgentJvmKey.of(Map.of("JAVA_HOME", build), true, null, home -> home(agent)));
    }

    @Test
    void shouldPutTheArchiveInPlaceOnceAndLeaveNoPart() throws Exception {
        AgentStartup first = AgentStartup.of(local(), JAR, "semverTag", KEY);
        AgentStartup second = AgentStartup.of(local(), JAR, "semverTag", KEY);
        Files.write(directory.resolve(part(first)), new byte[] {1, 2});
        Files.write(directory.resolve(part(second)), new byte[] {3});

        first.keep(local(), 0);
        second.keep(local(), 0);

        assertThat(names()).containsExactly("release-ledger-cli-0123abcd-semverTag-0badc0de.jsa");
        assertThat(directory.resolve("release-ledger-cli-0123abcd-semverTag-0badc0de.jsa"))
                .hasBinaryContent(new byte[] {1, 2});
    }

    @Test
    void shouldNeverFailWhenTheArchiveCannotBeMade() throws Exception {
        AgentStartup startup = AgentStartup.of(local(), JAR, "semverTag", KEY);
        Files.write(directory.resolve(part(startup)), new byte[] {1});
        AgentJarInstall.Directory readOnly = new LocalDirectory(directory) {
            @Override
            public void rename(final String from, final String to) throws IOException {
                throw new IOException("read-only file system");
            }
        };

        startup.keep(readOnly, 0); // no exception
        AgentStartup.of(local(), JAR, "semverTag", KEY).keep(local(), 0); // the JVM wrote nothing

        assertThat(names()).isEmpty();
    }

    /** A process killed while it wrote the archive leaves it truncated, and JDK 17 dies of SIGBUS on such a one. */
    @Test
    void shouldKeepNoArchiveOfAProcessThatFailed() throws Exception {
        for (int exitCode : new int[] {1, 137, -1}) {
            AgentStartup startup = AgentStartup.of(local(), JAR, "semverTag", KEY);
            Files.write(directory.resolve(part(startup)), new byte[] {1, 2});

            startup.keep(local(), exitCode);

            assertThat(names()).as("after exit code %d", exitCode).isEmpty();
        }
    }

    @Test
    void shouldStartTheRealJarTheSameWithAnArchiveMadeUsedOrBroken() throws Exception {
        copyJar();
        AgentStartup failing = AgentStartup.of(local(), JAR, "semverTag", KEY);
        Run failed = run(failing.options(directory.toString(), "/"));
        failing.keep(local(), failed.exitCode);
        assertThat(failed.exitCode).as(failed.output).isEqualTo(1); // the agent's own answer to the empty request
        assertThat(names()).as("no archive from a process that failed").containsExactly(JAR, "request.json");
        Files.writeString(directory.resolve("request.json"), new AgentRequest(SemverTagOperation.NAME,
                repository().toString(), Map.of("dryRun", true)).toJson(), StandardCharsets.UTF_8);
        Run plain = run(List.of());

        AgentStartup making = AgentStartup.of(local(), JAR, "semverTag", KEY);
        Run made = run(making.options(directory.toString(), "/"));
        making.keep(local(), made.exitCode);
        Path archive = directory.resolve("release-ledger-cli-0123abcd-semverTag-0badc0de.jsa");
        AgentStartup using = AgentStartup.of(local(), JAR, "semverTag", KEY);
        Run used = run(using.options(directory.toString(), "/"));
        Files.write(archive, new byte[4096]); // another JVM's or a damaged archive
        Run broken = run(AgentStartup.of(local(), JAR, "semverTag", KEY).options(directory.toString(), "/"));

        assertThat(archive).exists();
        assertThat(using.isArchived()).isTrue();
        assertThat(List.of(made, used, broken)).allSatisfy(run -> {
            assertThat(run.exitCode).isEqualTo(plain.exitCode);
            assertThat(run.output).isEqualTo(plain.output).doesNotContainIgnoringCase("cds");
            assertThat(run.response).isEqualTo(plain.response);
        });
        assertThat(plain.exitCode).as(plain.output).isZero();
        assertThat(plain.response).contains("\"version\":\"0.1.0\"");
    }

    /** A git repository with one commit, made with C git, for a semverTag dry run. */
    private Path repository() throws IOException, InterruptedException {
        Path repository = Files.createDirectory(directory.resolve("repository"));
        for (List<String> command : List.of(List.of("git", "init", "-q"), List.of("git", "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", "feat: first"))) {
            Process git = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0).as(output).isTrue();
        }
        return repository;
    }

    /**
     * A command that runs its arguments in a mount namespace where {@code source} stands in for the kernel's
     * transparent huge page settings: the file {@code enabled} ({@code bind-file}) or the whole directory
     * ({@code bind-dir}). Skips the test where that cannot be made (not root, not Linux, no THP).
     */
    private static List<String> kernelNamespace(final Path source, final String what) throws InterruptedException {
        Path settings = Path.of(AgentStartup.TRANSPARENT_HUGE_PAGES);
        assumeThat(Files.isReadable(settings.resolve("enabled"))).as("a Linux kernel with transparent huge pages")
                .isTrue();
        Path target = "bind-dir".equals(what) ? settings : settings.resolve("enabled");
        List<String> namespace = List.of("unshare", "--mount", "sh", "-c",
                "mount --bind \"$1\" " + target + " && shift && exec \"$@\"", "sh", source.toString());
        assumeThat(output(concat(namespace, List.of("cat", settings.resolve("enabled").toString()))))
                .as("a mount namespace of this test's own")
                .isEqualTo(output(List.of("cat", target.equals(settings) ? source.resolve("enabled").toString()
                        : source.toString())));
        return namespace;
    }

    /** The kernel settings directory: {@code enabled} with {@code mode}, and {@code hpage_pmd_size} if asked. */
    private AgentJarInstall.Directory kernel(final String mode, final boolean hugePageSize) throws IOException {
        Path settings = Files.createTempDirectory(directory, "thp-");
        Files.writeString(settings.resolve("enabled"), mode + "\n", StandardCharsets.UTF_8);
        if (hugePageSize) {
            Files.writeString(settings.resolve("hpage_pmd_size"), "2097152\n", StandardCharsets.UTF_8);
        }
        return new LocalDirectory(settings);
    }

    /** The file operations {@code semverTag}'s start-up makes on {@code kernel}, in order. */
    private List<String> kernelCalls(final AgentJarInstall.Directory kernel) throws Exception {
        List<String> calls = new ArrayList<>();
        options("semverTag", new Counted(kernel, calls));
        return calls;
    }

    private List<String> options(final String operation, final AgentJarInstall.Directory kernel) throws Exception {
        AgentStartup startup = AgentStartup.of(local(), JAR, operation, KEY);
        startup.askForHugePagesWhereGiven(kernel);
        return startup.options("/ws@tmp", "/");
    }

    /** The archive's name for {@code semverTag} on the Java the command names on Unix, its homes read here. */
    private String archiveName(final Map<String, String> environment, final String agentJavaHome)
            throws InterruptedException {
        return AgentStartup.archiveName(JAR, "semverTag", AgentJvmKey.of(environment, true, agentJavaHome, this::home));
    }

    private AgentJarInstall.Directory home(final String path) {
        return new LocalDirectory(Path.of(path));
    }

    /** A Java home {@code name} here whose release file has these lines (and others, as a JDK's has). */
    private Path javaHome(final String name, final String runtimeVersion, final String version,
            final String implementor) throws IOException {
        Path home = Files.createDirectories(directory.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + implementor + "\"\nJAVA_RUNTIME_VERSION=\""
                + runtimeVersion + "\"\nJAVA_VERSION=\"" + version + "\"\nMODULES=\"java.base java.logging\"\n",
                StandardCharsets.UTF_8);
        return home;
    }

    /** The plugin's jar beside an empty request, which the agent answers with an error of its own. */
    private void copyJar() throws IOException {
        try (InputStream jar = AgentJar.resource().openStream()) {
            Files.copy(jar, directory.resolve(JAR));
        }
        Files.writeString(directory.resolve("request.json"), "{}", StandardCharsets.UTF_8);
    }

    private Run run(final List<String> jvmOptions) throws IOException, InterruptedException {
        return run(List.of(), jvmOptions);
    }

    /** @param wrapper a command that runs the agent's command line given as its last arguments */
    private Run run(final List<String> wrapper, final List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = AgentCommand.command(Map.of("JAVA_HOME", System.getProperty("java.home")), true, null,
                directory.resolve(JAR).toString(), jvmOptions, directory.resolve("request.json").toString(),
                directory.resolve("response.json").toString());
        Process process = new ProcessBuilder(concat(wrapper, command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Path responseFile = directory.resolve("response.json");
        String response = Files.exists(responseFile) ? Files.readString(responseFile, StandardCharsets.UTF_8) : "";
        Files.deleteIfExists(responseFile);
        return new Run(process.exitValue(), output, response);
    }

    /** stdout and stderr of a command; empty when it cannot start or fails. */
    private static String output(final List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String part(final AgentStartup startup) {
        String option = startup.options("", "/").stream()
                .filter(text -> text.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow();
        return option.substring(option.lastIndexOf('/') + 1);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = new ArrayList<>();
            files.map(file -> file.getFileName().toString()).sorted().forEach(names::add);
            return names;
        }
    }

    private AgentJarInstall.Directory local() {
        return new LocalDirectory(directory);
    }

    /** Exit code, output and response of one agent process. */
    private static final class Run {
        final int exitCode;
        final String output;
        final String response;

        Run(final int exitCode, final String output, final String response) {
            this.exitCode = exitCode;
            this.output = output;
            this.response = response;
        }
    }

    /** Another directory's operations, each one noted (as a round trip to the agent would be). */
    private static final class Counted implements AgentJarInstall.Directory {
        private final AgentJarInstall.Directory directory;
        private final List<String> calls;

        Counted(final AgentJarInstall.Directory directory, final List<String> calls) {
            this.directory = directory;
            this.calls = calls;
        }

        @Override
        public boolean exists(final String name) throws IOException, InterruptedException {
            calls.add("exists " + name);
            return directory.exists(name);
        }

        @Override
        public long length(final String name) throws IOException, InterruptedException {
            calls.add("length " + name);
            return directory.length(name);
        }

        @Override
        public String createTempFile(final String prefix, final String suffix)
                throws IOException, InterruptedException {
            calls.add("createTempFile " + prefix);
            return directory.createTempFile(prefix, suffix);
        }

        @Override
        public void copyJarTo(final String name) throws IOException, InterruptedException {
            calls.add("copyJarTo " + name);
            directory.copyJarTo(name);
        }

        @Override
        public void rename(final String from, final String to) throws IOException, InterruptedException {
            calls.add("rename " + from);
            directory.rename(from, to);
        }

        @Override
        public void delete(final String name) throws IOException, InterruptedException {
            calls.add("delete " + name);
            directory.delete(name);
        }

        @Override
        public String read(final String name, final int limit) throws IOException, InterruptedException {
            calls.add("read " + name);
            return directory.read(name, limit);
        }
    }

    /** The directory's operations as {@code FilePath} does them on the agent. */
    private static class LocalDirectory implements AgentJarInstall.Directory {
        private final Path directory;

        LocalDirectory(final Path directory) {
            this.directory = directory;
        }

        @Override
        public boolean exists(final String name) {
            return Files.exists(directory.resolve(name));
        }

        @Override
        public long length(final String name) throws IOException {
            return Files.size(directory.resolve(name));
        }

        @Override
        public String createTempFile(final String prefix, final String suffix) throws IOException {
            return Files.createTempFile(directory, prefix, suffix).getFileName().toString();
        }

        @Override
        public void copyJarTo(final String name) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void rename(final String from, final String to) throws IOException {
            Files.move(directory.resolve(from), directory.resolve(to), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void delete(final String name) throws IOException {
            Files.deleteIfExists(directory.resolve(name));
        }

        @Override
        public String read(final String name, final int limit) throws IOException {
            try (InputStream in = Files.newInputStream(directory.resolve(name))) {
                return BoundedText.read(in, limit);
            }
        }
    }
}
