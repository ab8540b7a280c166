package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.PendingApprovals;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/** Approving or rejecting a waiting release from the Releases page: audited, POST only, wakes the waiting steps. */
class PageApprovalTest {
    private static final String ROOT = "https://ci.example/";
    private static final String PAGE = "https://ci.example/job/shop/releases/shop/";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final EnvironmentPolicy PRODUCTION = new EnvironmentPolicy("production")
            .setApprovals(new ApprovalRule(1, List.of("release-managers")));

    @TempDir
    Path root;

    private static void requestAs(final Ledger ledger, final String user) {
        ledger.append(new EventDraft(EventTypes.APPROVAL_REQUESTED, new Actor(user, null),
                Origin.build("shop", 7, ROOT + "job/shop/7/", false)).setEnvironment("production")
                .setData(Map.of("version", "1.5.0", "digest", DIGEST, "required", 1L,
                        "approvers", List.of("release-managers"), "purpose", "deploy")));
    }

    private static String decide(final Ledger ledger, final boolean granted, final String version, final String user,
            final List<String> groups, final String comment) {
        return PageApproval.decide(ledger, PRODUCTION, granted, version, DIGEST, comment, user, null, groups, "shop",
                ROOT, "shop");
    }

    @Test
    void shouldListTheWaitingReleaseForTheForms() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThat(PendingApprovals.of(ledger, PRODUCTION)).isEmpty();
            requestAs(ledger, "alice");

            assertThat(PendingApprovals.of(ledger, PRODUCTION)).singleElement().satisfies(pending -> assertThat(pending)
                    .containsEntry("environment", "production").containsEntry("version", "1.5.0")
                    .containsEntry("digest", DIGEST).containsEntry("requestedBy", "alice")
                    .containsEntry("waitingFor", "0 of 1 approvals; waiting for 1 more from release-managers"));
            assertThat(PendingApprovals.of(ledger, new EnvironmentPolicy("production"))).isEmpty();
        }
    }

    @Test
    void shouldRecordTheApprovalWithTheUserThePageAndTheCommentAndWakeTheWaitingSteps() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            requestAs(ledger, "alice");
            long before = ApprovalWaits.get().generation("shop", "production");

            String done = decide(ledger, true, "1.5.0", "bob", List.of("Release-Managers"), "migration reviewed");

            assertThat(done).isEqualTo("Approved 1.5.0 (" + DIGEST + ") for production as bob.");
            LedgerEvent approved = ledger.events("production").get(1);
            assertThat(approved.getType()).isEqualTo(EventTypes.APPROVAL_GRANTED);
            assertThat(approved.getActor().getId()).isEqualTo("bob");
            assertThat(approved.getOrigin().toJson()).containsEntry("url", PAGE);
            assertThat(approved.getData()).containsEntry("digest", DIGEST).containsEntry("comment", "migration reviewed");
            assertThat(ApprovalWaits.get().generation("shop", "production")).isEqualTo(before + 1);
        }
    }

    @Test
    void shouldRefuseADeniedUserSelfApprovalAnotherReleaseAndARejectionWithoutCommentRecordingNothing() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            requestAs(ledger, "alice");

            assertThatThrownBy(() -> decide(ledger, true, "1.5.0", "mallory", List.of("developers"), ""))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("mallory may not approve releases for production: the approvers are "
                            + "release-managers");
            assertThatThrownBy(() -> decide(ledger, true, "1.5.0", "alice", List.of("release-managers"), ""))
                    .hasMessageContaining("they asked for this deploy");
            assertThatThrownBy(() -> decide(ledger, true, "1.4.0", "bob", List.of("release-managers"), ""))
                    .hasMessageContaining("No deploy of 1.4.0 (" + DIGEST + ") to production waits for approval; "
                            + "waiting there: 1.5.0");
            assertThatThrownBy(() -> decide(ledger, false, "1.5.0", "bob", List.of("release-managers"), " "))
                    .hasMessageContaining("a rejection needs a comment");

            assertThat(ledger.events("production")).hasSize(1);
        }
    }

    @Test
    void shouldAcceptOnlyPostAndHaveTheApprovePermission() throws Exception {
        for (String action : List.of("doApprove", "doReject")) {
            assertThat(ApplicationReleases.class.getMethod(action, StaplerRequest2.class, StaplerResponse2.class)
                    .isAnnotationPresent(RequirePOST.class)).as(action).isTrue();
        }
    }
}
