package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approve, reject and the policy file beside the ledger: freeze windows and approvals, without Docker. */
class GovernanceCommandsTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path dir;

    private Path ledgerRoot() {
        return dir.resolve("ledgers");
    }

    @BeforeEach
    void writeDescriptor() throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: hello\n"
                + "image: 127.0.0.1:5000/rltest/cli-hello\n"
                + "environments:\n"
                + "  - name: production\n"
                + "    hosts: [unix:///var/run/docker.sock]\n", StandardCharsets.UTF_8);
    }

    private Cli.Result run(final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger", ledgerRoot().toString(), "-C", dir.toString()));
        return Cli.plain().run(all.toArray(String[]::new));
    }

    private void writePolicy(final String json) throws IOException {
        try (Ledger ledger = Ledger.open(ledgerRoot(), "hello")) {
            Files.writeString(ledger.getDirectory().resolve("policy.json"), json, StandardCharsets.UTF_8);
        }
    }

    private List<LedgerEvent> events() {
        try (Ledger ledger = Ledger.open(ledgerRoot(), "hello")) {
            return ledger.events(null);
        }
    }

    private void requestApprovalAs(final String user) {
        try (Ledger ledger = Ledger.open(ledgerRoot(), "hello")) {
            ledger.append(new EventDraft(EventTypes.APPROVAL_REQUESTED, new Actor(user, null), Origin.cli(user, "ci"))
                    .setEnvironment("production").setData(Map.of("version", "1.0.0", "digest", DIGEST,
                            "required", 1L, "approvers", List.of())));
        }
    }

    @Test
    void shouldRefuseADeployInsideAFreezeWindowOfThePolicyFileAndRecordNothing() throws IOException {
        writePolicy("{\"environments\": {\"production\": {\"freezeWindows\": [{\"name\": \"migration\", "
                + "\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2099-01-01T00:00:00Z\"}]}}}");

        Cli.Result deploy = run("deploy", "--environment", "production", "--version", "1.0.0", "--digest", DIGEST);

        assertThat(deploy.exitCode).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.err).contains("release-ledger deploy: Refusing to deploy 1.0.0 to production: the freeze "
                + "window 'migration' (from 2020-01-01T00:00:00Z to 2099-01-01T00:00:00Z) holds until "
                + "2099-01-01T00:00:00Z");
        assertThat(events()).isEmpty();
    }

    @Test
    void shouldReportABadPolicyFileNamingThePlaceAndTheFix() throws IOException {
        writePolicy("{\"environments\": {\"production\": {\"freezeWindows\": [{\"name\": \"weekend\", "
                + "\"cron\": \"0 18 * FRI\", \"duration\": \"62h\", \"timeZone\": \"UTC\"}]}}}");

        Cli.Result deploy = run("deploy", "--environment", "production", "--version", "1.0.0", "--digest", DIGEST);

        assertThat(deploy.exitCode).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.err).contains("policy.json: environments.production.freezeWindows[0]: Freeze window "
                + "'weekend': The cron expression '0 18 * FRI' is not valid: it has 4 fields. Write five");
        assertThat(events()).isEmpty();
    }

    @Test
    void shouldRecordTheRequestOfADeployThatWaitsForApprovalAndRefuseItsRequesterAsApprover() throws IOException {
        writePolicy("{\"environments\": {\"production\": {\"approvals\": {\"required\": 1}}}}");

        Cli.Result deploy = run("deploy", "--environment", "production", "--version", "1.0.0", "--digest", DIGEST);
        Cli.Result self = run("approve", "--environment", "production", "--version", "1.0.0");

        assertThat(deploy.exitCode).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.err).contains("Waiting to deploy 1.0.0 (" + DIGEST + ") to production: 0 of 1 approvals",
                "release-ledger approve --environment production --version 1.0.0 --digest " + DIGEST);
        assertThat(events()).extracting(LedgerEvent::getType).containsExactly(EventTypes.APPROVAL_REQUESTED);
        assertThat(self.exitCode).as(self.toString()).isEqualTo(1);
        assertThat(self.err).contains("release-ledger approve: " + ME + " may not approve 1.0.0 for production: they "
                + "asked for this deploy.");
        assertThat(events()).hasSize(1);
    }

    @Test
    void shouldApproveAndRejectAsTheSystemUserWithTheComment() throws IOException {
        writePolicy("{\"environments\": {\"production\": {\"approvals\": {\"required\": 1}}}}");
        requestApprovalAs("someone-else");

        Cli.Result approve = run("approve", "--environment", "production", "--version", "1.0.0", "--comment",
                "release notes checked");
        Cli.Result rejectWithoutComment = run("reject", "--environment", "production", "--version", "1.0.0");
        Cli.Result reject = run("reject", "--environment", "production", "--version", "1.0.0", "--digest", DIGEST,
                "--comment", "changed my mind");

        assertThat(approve.exitCode).as(approve.toString()).isZero();
        assertThat(approve.err).contains("Approved 1.0.0 (" + DIGEST + ") for production as " + ME + ".");
        assertThat(rejectWithoutComment.exitCode).isEqualTo(1);
        assertThat(rejectWithoutComment.err).contains("a rejection needs a comment");
        assertThat(reject.exitCode).as(reject.toString()).isZero();
        // The fixture wrote the request without a key; the CLI's first sealed event rotates to its key first.
        List<LedgerEvent> events = events().stream()
                .filter(event -> !EventTypes.LEDGER_KEY_ROTATED.equals(event.getType())).toList();
        assertThat(events).extracting(LedgerEvent::getType).containsExactly(EventTypes.APPROVAL_REQUESTED,
                EventTypes.APPROVAL_GRANTED, EventTypes.APPROVAL_REJECTED);
        assertThat(events.get(1).getActor().getId()).isEqualTo(ME);
        assertThat(events.get(1).getData()).containsEntry("digest", DIGEST)
                .containsEntry("comment", "release notes checked");
        assertThat(events.get(2).getData()).containsEntry("comment", "changed my mind");
    }

    @Test
    void shouldRefuseAnApprovalForAnotherReleaseAndRecordNothing() throws IOException {
        writePolicy("{\"environments\": {\"production\": {\"approvals\": {\"required\": 1}}}}");
        requestApprovalAs("someone-else");

        Cli.Result other = run("approve", "--environment", "production", "--version", "1.0.1");
        Cli.Result noPolicy = run("approve", "--environment", "staging", "--version", "1.0.0");

        assertThat(other.exitCode).isEqualTo(1);
        assertThat(other.err).contains("No deploy of 1.0.1 to production waits for approval; waiting there: 1.0.0 ("
                + DIGEST + ", asked by someone-else). Approve that release by its version and digest.");
        assertThat(noPolicy.err).contains("staging needs no approvals");
        assertThat(events()).hasSize(1);
    }

    @Test
    void shouldListApproveAndRejectWithTheirOptions() {
        Cli.Result approve = Cli.plain().run("approve", "--help");
        Cli.Result deploy = Cli.plain().run("deploy", "--help");

        assertThat(approve.out).contains("--environment", "--version", "--digest", "--comment", "policy.json");
        assertThat(Cli.plain().run("reject", "--help").out).contains("--comment");
        assertThat(deploy.out).contains("--override-freeze");
    }
}
