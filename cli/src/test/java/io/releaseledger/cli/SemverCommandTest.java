package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** semver valid, compare and bump: exit codes and output for scripts, without a repository. */
class SemverCommandTest {
    @Test
    void shouldTellAValidVersionFromAnInvalidOneByExitCode() {
        Cli.Result valid = Cli.plain().run("semver", "valid", "1.4.0-rc.1+build.7");
        Cli.Result invalid = Cli.plain().run("semver", "valid", "v1.4");

        assertThat(valid.exitCode).as(valid.toString()).isZero();
        assertThat(valid.out.strip()).isEqualTo("1.4.0-rc.1+build.7");
        assertThat(invalid.exitCode).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.out).isEmpty();
        assertThat(invalid.err).startsWith("release-ledger semver valid: 'v1.4' is not a semantic version: ");
    }

    @Test
    void shouldCompareByPrecedenceAsNumbersOrSymbols() {
        assertThat(Cli.plain().run("semver", "compare", "1.4.0-rc.1", "1.4.0").out.strip()).isEqualTo("-1");
        assertThat(Cli.plain().run("semver", "compare", "1.4.0+a", "1.4.0+b").out.strip()).isEqualTo("0");
        assertThat(Cli.plain().run("semver", "compare", "1.10.0", "1.9.0").out.strip()).isEqualTo("1");
        assertThat(Cli.plain().run("semver", "compare", "--symbol", "1.9.0", "1.10.0").out.strip()).isEqualTo("<");
        assertThat(Cli.plain().run("semver", "compare", "1.x", "1.0.0").exitCode).isEqualTo(1);
    }

    @Test
    void shouldBumpEachPart() {
        assertThat(Cli.plain().run("semver", "bump", "major", "1.4.2").out.strip()).isEqualTo("2.0.0");
        assertThat(Cli.plain().run("semver", "bump", "minor", "1.4.2").out.strip()).isEqualTo("1.5.0");
        assertThat(Cli.plain().run("semver", "bump", "patch", "1.4.2").out.strip()).isEqualTo("1.4.3");
        assertThat(Cli.plain().run("semver", "bump", "prerelease", "1.4.0-rc.1").out.strip()).isEqualTo("1.4.0-rc.2");
        assertThat(Cli.plain().run("semver", "bump", "prerelease", "--preid", "beta", "1.4.0").out.strip())
                .isEqualTo("1.4.1-beta.1");
        Cli.Result unknown = Cli.plain().run("semver", "bump", "huge", "1.4.2");
        assertThat(unknown.exitCode).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err).contains("unknown part 'huge'; use major, minor, patch or prerelease");
    }

    @Test
    void shouldNeedNoRepository(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path empty) {
        Cli.Result result = Cli.plain().run("-C", empty.toString(), "semver", "valid", "0.1.0");

        assertThat(result.exitCode).as(result.toString()).isZero();
    }
}
