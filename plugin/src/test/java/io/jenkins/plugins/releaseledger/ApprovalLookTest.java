package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.PendingApprovals;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One look of awaitApproval at a real ledger: waiting, approved from the page, rejected, or nothing to wait for. */
class ApprovalLookTest {
    private static final String ROOT = "https://ci.example/";
    private static final String DIGEST = "sha256:" + "b".repeat(64);
    private static final EnvironmentPolicy PRODUCTION = new EnvironmentPolicy("production")
            .setApprovals(new ApprovalRule(1, List.of("release-managers")));
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin BUILD = Origin.build("shop", 7, ROOT + "job/shop/7/", false);
    /** When the step began to wait: before every event the tests append. */
    private static final Instant STARTED = Instant.now().minusSeconds(60);

    @TempDir
    Path root;

    private static ApprovalLook look(final Ledger ledger, final EnvironmentPolicy policy, final String digest) {
        return ApprovalLook.at(ledger, policy, "1.5.0", digest, ALICE, BUILD, STARTED);
    }

    private static long requests(final Ledger ledger) {
        return ledger.events("production").stream()
                .filter(event -> EventTypes.APPROVAL_REQUESTED.equals(event.getType())).count();
    }

    @Test
    void shouldRecordTheRequestOnceAndSayWhomItWaitsFor() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            ApprovalLook first = look(ledger, PRODUCTION, DIGEST);

            assertThat(first.getState()).isEqualTo(ApprovalLook.State.WAITING);
            assertThat(first.isRequested()).isTrue();
            assertThat(first.getLine()).isEqualTo("awaitApproval: waiting for approval of 1.5.0 (" + DIGEST
                    + ") for production: 0 of 1 approvals; waiting for 1 more from release-managers (Alice and the "
                    + "authors of its commits may not approve). Approve or reject it on the job's Releases page. This "
                    + "step holds no executor while it waits; an abort or timeout stops the wait.");
            assertThat(PendingApprovals.of(ledger, PRODUCTION)).as("listed on the Releases page as waiting")
                    .singleElement().satisfies(pending -> assertThat(pending).containsEntry("version", "1.5.0")
                            .containsEntry("digest", DIGEST).containsEntry("requestedBy", "Alice")
                            .containsEntry("build", "shop #7").containsEntry("link", ROOT + "job/shop/7/"));

            ApprovalLook second = look(ledger, PRODUCTION, null);
            assertThat(second.isRequested()).as("asked once").isFalse();
            assertThat(second.getDigest()).as("the build the request names").isEqualTo(DIGEST);
            assertThat(requests(ledger)).isEqualTo(1);
        }
    }

    @Test
    void shouldEndWhenSomeoneElseApprovedOnThePageReturningJdkTypes() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            look(ledger, PRODUCTION, DIGEST);
            PageApproval.decide(ledger, PRODUCTION, true, "1.5.0", DIGEST, "ok", "bob", "Bob",
                    List.of("release-managers"), "shop", ROOT, "shop");

            ApprovalLook answer = look(ledger, PRODUCTION, null);

            assertThat(answer.getState()).isEqualTo(ApprovalLook.State.APPROVED);
            assertThat(answer.getLine()).isEqualTo("awaitApproval: 1.5.0 (" + DIGEST + ") for production approved: "
                    + "1 of 1 (Bob).");
            Map<String, Object> result = answer.result("production", "1.5.0");
            assertThat(result).containsEntry("environment", "production").containsEntry("version", "1.5.0")
                    .containsEntry("digest", DIGEST).containsEntry("approvedBy", List.of("Bob"));
            assertThat(result.values()).allSatisfy(value -> assertThat(value.getClass().getName()).startsWith("java."))
                    .allSatisfy(value -> assertThat(value).isInstanceOf(Serializable.class));
        }
    }

    @Test
    void shouldEndOnARejectionWithItsComment() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            look(ledger, PRODUCTION, DIGEST);
            PageApproval.decide(ledger, PRODUCTION, false, "1.5.0", DIGEST, "needs the VAT fix", "carol", "Carol",
                    List.of("release-managers"), "shop", ROOT, "shop");

            ApprovalLook answer = look(ledger, PRODUCTION, null);

            assertThat(answer.getState()).isEqualTo(ApprovalLook.State.REJECTED);
            assertThat(answer.getLine()).isEqualTo("awaitApproval: 1.5.0 (" + DIGEST + ") for production was rejected "
                    + "by Carol: needs the VAT fix. A new build (a new digest) needs new approvals; or Carol approves "
                    + "it after all.");
        }
    }

    @Test
    void shouldNameThePermissionWhenTheRuleNamesNoApprovers() {
        EnvironmentPolicy anyone = new EnvironmentPolicy("production").setApprovals(new ApprovalRule(2, List.of()));
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThat(look(ledger, anyone, DIGEST).getLine()).contains("0 of 2 approvals; waiting for 2 more from "
                    + "anyone with the 'Release Ledger » Approve releases' permission on this job");
        }
    }

    @Test
    void shouldGoOnWhenTheEnvironmentNeedsNoApprovalsAndRecordNothing() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            ApprovalLook answer = look(ledger, EnvironmentPolicy.none("production"), null);

            assertThat(answer.getState()).isEqualTo(ApprovalLook.State.APPROVED);
            assertThat(answer.getLine()).isEqualTo("awaitApproval: production of shop needs no approvals; going on.");
            assertThat(ledger.events(null)).isEmpty();
        }
    }

    @Test
    void shouldRefuseAVersionWhoseBuildIsUnknownAndRecordNothing() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> look(ledger, PRODUCTION, null)).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("name its digest");
            assertThat(ledger.events(null)).isEmpty();
        }
    }

    private static void deploy(final Ledger ledger, final String version, final String digest) {
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, new Actor("dave", "Dave"), BUILD)
                .setEnvironment("production").setData(Map.of("deploymentId", "d-" + version, "version", version,
                        "image", Map.of("repository", "registry.example/shop", "tag", version, "digest", digest))));
    }

    @Test
    void shouldEndWhenTheReleaseWasDeployedThereMeanwhileWithoutAskingAgain() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            look(ledger, PRODUCTION, DIGEST);
            deploy(ledger, "1.5.0", DIGEST); // e.g. a rollback to it, which needs no approvals

            ApprovalLook answer = look(ledger, PRODUCTION, DIGEST);

            assertThat(answer.getState()).isEqualTo(ApprovalLook.State.APPROVED);
            assertThat(answer.getLine()).isEqualTo("awaitApproval: 1.5.0 (" + DIGEST + ") for production was deployed "
                    + "there meanwhile (by Dave); nothing left to wait for.");
            assertThat(requests(ledger)).as("not asked again").isEqualTo(1);
        }
    }

    @Test
    void shouldNotCountADeploymentBeforeTheStepBeganToWait() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            look(ledger, PRODUCTION, DIGEST);
            deploy(ledger, "1.4.9", "sha256:" + "9".repeat(64)); // an earlier build's request, then a hotfix

            ApprovalLook again = ApprovalLook.at(ledger, PRODUCTION, "1.5.0", DIGEST, ALICE, BUILD, Instant.now()
                    .plusSeconds(1));

            assertThat(again.getState()).isEqualTo(ApprovalLook.State.WAITING);
        }
    }

    @Test
    void shouldEndWhenAnotherReleaseWasDeployedThereSinceItWasAskedFor() {
        String other = "sha256:" + "d".repeat(64);
        try (Ledger ledger = Ledger.open(root, "shop")) {
            look(ledger, PRODUCTION, DIGEST);
            deploy(ledger, "1.5.1", other);

            ApprovalLook answer = look(ledger, PRODUCTION, DIGEST);

            assertThat(answer.getState()).isEqualTo(ApprovalLook.State.REJECTED);
            assertThat(answer.getLine()).isEqualTo("awaitApproval: 1.5.0 (" + DIGEST + ") for production was asked "
                    + "for, but 1.5.1 (" + other + ") was deployed there since (by Dave). Nothing to approve any more; "
                    + "run the pipeline again for the release you want there.");
            assertThat(requests(ledger)).isEqualTo(1);
        }
    }
}
