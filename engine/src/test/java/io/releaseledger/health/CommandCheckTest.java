package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command check with a real Nagios-style plugin script: the states, performance data, and bad programs. */
class CommandCheckTest {
    /** A plugin in the style of check_disk: its state comes from its first argument. */
    private static final String PLUGIN = """
            #!/bin/sh
            case "$1" in
              ok) echo "DISK OK - free space: / 3326 MB (56%) | /=2643MB;5948;5958;0;5968 'free %'=56%;20;10"; exit 0;;
              warning) echo "DISK WARNING - free space: / 900 MB (15%) | /=5068MB;5948;5958;0;5968"; exit 1;;
              critical) echo "DISK CRITICAL - free space: / 10 MB (1%)"
                        echo "long text line"
                        echo "more | inodes=99%;90;95 time=0.02s"; exit 2;;
              *) echo "UNKNOWN - unknown argument $1" >&2; exit 3;;
            esac
            """;

    @TempDir
    Path directory;

    @Test
    void shouldReadOkWithItsPerformanceData() throws IOException {
        CheckResult result = new CommandCheck(List.of(plugin().toString(), "ok")).run(target());

        assertThat(result.isPassed()).isTrue();
        assertThat(result.isWarning()).isFalse();
        assertThat(result.getDetail()).isEqualTo("OK: DISK OK - free space: / 3326 MB (56%)");
        assertThat(result.getPerfData()).hasSize(2);
        PerfDatum root = result.getPerfData().get(0);
        assertThat(List.of(root.getLabel(), root.getValue(), root.getUnit(), root.getWarning(), root.getCritical(),
                root.getMin(), root.getMax())).containsExactly("/", "2643", "MB", "5948", "5958", "0", "5968");
        assertThat(result.getPerfData().get(1).toJson()).containsEntry("label", "free %").containsEntry("unit", "%");
        assertThat(result.toJson()).containsKey("perfdata");
    }

    @Test
    void shouldFailWarningUnlessTold() throws IOException {
        List<String> command = List.of(plugin().toString(), "warning");

        CheckResult failing = new CommandCheck(command).run(target());
        CheckResult tolerated = new CommandCheck(command).setWarningFails(false).run(target());

        assertThat(failing.isPassed()).isFalse();
        assertThat(failing.isWarning()).isTrue();
        assertThat(failing.getExpected()).isEqualTo("exit 0 (OK)");
        assertThat(tolerated.isPassed()).isTrue();
        assertThat(tolerated.isWarning()).isTrue();
        assertThat(tolerated.getDetail()).startsWith("WARNING: DISK WARNING");
    }

    @Test
    void shouldFailCriticalAndUnknownAndKeepLaterPerformanceData() throws IOException {
        CheckResult critical = new CommandCheck(List.of(plugin().toString(), "critical")).run(target());
        CheckResult unknown = new CommandCheck(List.of(plugin().toString(), "other")).run(target());

        assertThat(critical.isPassed()).isFalse();
        assertThat(critical.getDetail()).isEqualTo("CRITICAL: DISK CRITICAL - free space: / 10 MB (1%)");
        assertThat(critical.getPerfData()).extracting(PerfDatum::toString).containsExactly("inodes=99%", "time=0.02s");
        assertThat(unknown.isPassed()).isFalse();
        assertThat(unknown.getDetail()).isEqualTo("UNKNOWN: UNKNOWN - unknown argument other"); // from stderr
    }

    @Test
    void shouldFillTheTargetIntoTheArgumentsWithoutAShell() throws IOException {
        Path echo = script("args.sh", "#!/bin/sh\necho \"OK - got $1 and $2\"\n");

        CheckResult result = new CommandCheck(List.of(echo.toString(), "{address}:{port}", "$(touch x); *"))
                .run(new CheckTarget("127.0.0.1", 8080, null, null));

        assertThat(result.getDetail()).isEqualTo("OK: OK - got 127.0.0.1:8080 and $(touch x); *");
    }

    @Test
    void shouldSayWhenTheProgramIsMissingOrNotExecutable() throws IOException {
        Path plain = directory.resolve("not-executable.sh");
        Files.writeString(plain, "#!/bin/sh\nexit 0\n");

        CheckResult missing = new CommandCheck(List.of(directory.resolve("no-such-plugin").toString())).run(target());
        CheckResult notExecutable = new CommandCheck(List.of(plain.toString())).run(target());

        assertThat(missing.isPassed()).isFalse();
        assertThat(missing.getDetail()).contains("no such program");
        assertThat(notExecutable.isPassed()).isFalse();
        assertThat(notExecutable.getDetail()).contains("not executable");
    }

    @Test
    void shouldKillAHangingProgramAndItsChildrenAtItsTimeout() throws Exception {
        Path pidFile = directory.resolve("child.pid");
        Path hang = script("hang.sh", "#!/bin/sh\nsleep 30 &\necho $! > " + pidFile + "\nwait\necho OK\n");
        long start = System.nanoTime();

        CheckResult result = new CommandCheck(List.of(hang.toString())).setTimeout(Duration.ofMillis(500))
                .run(target());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).endsWith("still ran after 500 ms; killed");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("sleep killed").isFalse();
    }

    private Path plugin() throws IOException {
        return script("check_disk_like.sh", PLUGIN);
    }

    private Path script(final String name, final String text) throws IOException {
        Path script = directory.resolve(name);
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static CheckTarget target() {
        return new CheckTarget("127.0.0.1", 0, null, null);
    }
}
