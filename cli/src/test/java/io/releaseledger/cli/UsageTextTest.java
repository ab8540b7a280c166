package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fast paths of the start: the stored usage help and the one command built for a command line. */
class UsageTextTest {
    /** Run with -Drelease-ledger.writeUsage=true to write the resource again after changing a command. */
    private static final Path SOURCE = Path.of("src/main/resources/io/releaseledger/cli", UsageText.RESOURCE);

    @Test
    void shouldStoreTheUsageHelpPicocliRenders() throws IOException {
        String rendered = Cli.plain().run("--help").out;
        if (Boolean.getBoolean("release-ledger.writeUsage")) {
            Files.writeString(SOURCE, rendered, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream stored = new ByteArrayOutputStream();

        boolean printed = UsageText.print(new PrintStream(stored, true, StandardCharsets.UTF_8));

        assertThat(printed).isTrue();
        assertThat(stored.toString(StandardCharsets.UTF_8))
                .as("%s is out of date: run ./mvnw -o -B -pl cli -am test -Dtest=UsageTextTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Drelease-ledger.writeUsage=true", SOURCE)
                .isEqualTo(rendered);
    }

    @Test
    void shouldTakeOnlyTheTopLevelHelpFromTheStore() {
        assertThat(CommandSelection.isTopLevelHelp(new String[] {"--help"})).isTrue();
        assertThat(CommandSelection.isTopLevelHelp(new String[] {"-h"})).isTrue();
        assertThat(CommandSelection.isTopLevelHelp(new String[] {"help"})).isTrue();
        assertThat(CommandSelection.isTopLevelHelp(new String[] {"tag", "--help"})).isFalse();
        assertThat(CommandSelection.isTopLevelHelp(new String[] {"help", "tag"})).isFalse();
        assertThat(CommandSelection.isTopLevelHelp(new String[0])).isFalse();
    }

    @Test
    void shouldFindTheCommandBehindTheTopOptions() {
        Set<String> names = ReleaseLedgerCli.COMMANDS.keySet();

        assertThat(CommandSelection.of(new String[] {"version"}, names)).contains("version");
        assertThat(CommandSelection.of(new String[] {"-C", "tag", "--debug", "-q", "tag", "--dry-run"}, names))
                .contains("tag");
        assertThat(CommandSelection.of(new String[] {"--repository", "status", "history"}, names)).contains("history");
        assertThat(CommandSelection.of(new String[] {"tagg"}, names)).isEmpty();
        assertThat(CommandSelection.of(new String[] {"--version"}, names)).isEmpty();
        assertThat(CommandSelection.of(new String[0], names)).isEmpty();
    }

    @Test
    void shouldNameEveryCommandAsItsAnnotationDoes() {
        ReleaseLedgerCli.COMMANDS.forEach((name, type) -> assertThat(Optional.ofNullable(
                type.getAnnotation(picocli.CommandLine.Command.class)).map(picocli.CommandLine.Command::name))
                .as("%s", type).contains(name));
    }

    @Test
    void shouldRunACommandWithTheTopOptionsAfterIt() {
        Cli.Result result = Cli.plain().run("version", "-C", "/nonexistent-release-ledger-dir", "-q");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("/nonexistent-release-ledger-dir");
    }
}
