package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run changes nothing: it does not even create the ledger (it looks at the host's containers). */
@RequiresRealComponent(Component.DOCKER)
class DeployDryRunLedgerTest {
    @TempDir
    Path dir;

    @Test
    void shouldNotCreateALedgerOnADryRun() throws IOException {
        writeDescriptor();
        Path ledgerRoot = dir.resolve("ledgers");

        Cli.Result dryRun = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledgerRoot.toString(),
                "--environment", "dev", "--version", "1.0.0", "--digest", "sha256:" + "a".repeat(64), "--dry-run");

        assertThat(dryRun.exitCode).as(dryRun.toString()).isZero();
        assertThat(ledgerRoot).as("nothing was created").doesNotExist();
    }

    @Test
    void shouldPlanWithTheOverridesOfSetAndShowThem() throws IOException {
        writeDescriptor();

        Cli.Result dryRun = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", dir.resolve("l").toString(),
                "--environment", "dev", "--version", "1.0.0", "--digest", "sha256:" + "a".repeat(64), "--dry-run",
                "--set", "environments.dev.strategy=rolling", "--set", "environments.dev.container.name=other");

        assertThat(dryRun.exitCode).as(dryRun.toString()).isZero();
        assertThat(dryRun.err).contains("Overrides of " + dir.resolve("release-ledger.yaml")
                + ": environments.dev.container.name=other, environments.dev.strategy=rolling")
                .contains("to dev, rolling").contains("other-1");
    }

    private void writeDescriptor() throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: dry-shop\n"
                + "image: 127.0.0.1:5000/rltest/dry-shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    instances: {count: 1, ports: [18080], containerPort: 80}\n"
                + "    strategy: recreate\n", StandardCharsets.UTF_8);
    }
}
