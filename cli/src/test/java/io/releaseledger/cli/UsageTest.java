package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageTest {
    @Test
    void shouldListTheCommandsButNotTheAgent() {
        Cli.Result result = Cli.plain().run("--help");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("version", "tag", "Exit codes:").doesNotContain("agent");
    }

    @Test
    void shouldDocumentEveryOptionOfTag() {
        Cli.Result result = Cli.plain().run("tag", "--help");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("--prefix", "--path", "--branch", "--release-branch", "--pre-release-id",
                "--initial-version", "--other-commits-bump", "--breaking-below-one", "--no-push", "--remote",
                "--no-fetch", "--allow-dirty", "--max-push-attempts", "--dry-run", "--json", "--password-file",
                "--token-file", "--ssh-key-file", "--known-hosts", "-C, --repository", "RELEASE_LEDGER_GIT_TOKEN");
    }

    @Test
    void shouldPrintItsOwnVersion() {
        Cli.Result result = Cli.plain().run("--version");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).startsWith("release-ledger ");
    }

    @Test
    void shouldExitWithTwoOnUsageErrors() {
        Cli.Result missing = Cli.plain().run();
        Cli.Result unknownCommand = Cli.plain().run("tagg");
        Cli.Result notANumber = Cli.plain().run("tag", "--max-push-attempts", "many");
        Cli.Result noValue = Cli.plain().run("version", "--prefix");

        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).startsWith("release-ledger: missing command");
        assertThat(unknownCommand.exitCode).isEqualTo(2);
        assertThat(unknownCommand.err).startsWith("release-ledger: unexpected argument 'tagg'")
                .contains("Try 'release-ledger --help'");
        assertThat(notANumber.exitCode).isEqualTo(2);
        assertThat(notANumber.err).startsWith("release-ledger tag: ").contains("--max-push-attempts");
        assertThat(noValue.exitCode).isEqualTo(2);
    }

    @Test
    void shouldNeverEchoASecretTypedAsAnArgument() {
        Cli.Result separate = Cli.plain().run("tag", "--password", "hunter2-secret");
        Cli.Result joined = Cli.plain().run("tag", "--token=hunter2-secret");

        assertThat(separate.exitCode).isEqualTo(2);
        assertThat(separate.err).contains("unknown option '--password'", "RELEASE_LEDGER_GIT_")
                .doesNotContain("hunter2-secret");
        assertThat(joined.exitCode).isEqualTo(2);
        assertThat(joined.err).contains("unknown option '--token'").doesNotContain("hunter2-secret");
    }

    @Test
    void shouldPointARegistrySecretTypedAsAnArgumentToItsVariable() {
        Cli.Result result = Cli.plain().run("status", "--registry-secret=hunter2-secret");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("unknown option '--registry-secret'", "RELEASE_LEDGER_REGISTRY_PASSWORD")
                .doesNotContain("RELEASE_LEDGER_GIT_").doesNotContain("hunter2-secret");
    }
}
