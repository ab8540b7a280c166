package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.ApprovalStatus;
import io.releaseledger.policy.EnvironmentPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asking for approvals without deploying (what a Pipeline step waiting outside {@code node} does): the release's digest
 * from the ledger, the request recorded once, and the answer read back.
 */
class ApprovalRequestTest {
    private static final String V1 = "1.0.0";
    private static final String V2 = "2.0.0";
    private static final EnvironmentPolicy PRODUCTION = new EnvironmentPolicy("production")
            .setApprovals(new ApprovalRule(1, List.of("alice", "bob", "carol")));

    @TempDir
    Path temp;

    private FakeWorld world;

    @BeforeEach
    void deployToStaging() throws Exception {
        world = new FakeWorld(temp, 1, false);
        world.publish(V1).publish(V2).deploy(V1).call();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private ApprovalRequest request(final String version) {
        return new ApprovalRequest(world.ledger, PRODUCTION, version).setActor(new Actor("alice", "Alice"))
                .setOrigin(Origin.build("shop", 7, "https://ci.example/job/shop/7/", false));
    }

    private ApproveCommand decide(final String who, final boolean granted) {
        return new ApproveCommand(world.ledger, PRODUCTION, V1, granted).setActor(new Actor(who, null))
                .setOrigin(Origin.cli(who, "test")).setComment("looked at it");
    }

    private List<Map<String, Object>> requests() {
        List<Map<String, Object>> requests = new ArrayList<>();
        world.ledger.events("production").forEach(event -> {
            if (EventTypes.APPROVAL_REQUESTED.equals(event.getType())) {
                requests.add(event.getData());
            }
        });
        return requests;
    }

    private int allEvents() {
        return world.ledger.events(null).size();
    }

    @Test
    void shouldTakeTheDigestOfTheVersionsDeploymentAndAskOnce() {
        ApprovalStatus status = request(V1).call();

        assertThat(status.isApproved()).isFalse();
        assertThat(status.describe()).isEqualTo("0 of 1 approvals; waiting for 1 more from alice, bob, carol");
        assertThat(requests()).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("version", V1).containsEntry("digest", FakeWorld.digest(V1))
                .containsEntry("purpose", "deploy"));

        request(V1).call();
        assertThat(requests()).as("asked once per release and requester").hasSize(1);
    }

    @Test
    void shouldSayApprovedOnceSomeoneElseApprovedTheExactRelease() {
        request(V1).call();
        assertThatThrownBy(() -> decide("alice", true).call()).hasMessageContaining("they asked for this deploy");

        decide("bob", true).call();

        ApprovalStatus status = request(V1).call();
        assertThat(status.isApproved()).isTrue();
        assertThat(status.describe()).isEqualTo("approved: 1 of 1 (bob)");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void shouldReportARejectionWithItsComment() {
        request(V1).call();
        decide("carol", false).call();

        ApprovalStatus status = request(V1).call();

        assertThat(status.isApproved()).isFalse();
        assertThat(status.getRejection()).isNotNull();
        assertThat(status.describe()).isEqualTo("rejected by carol: looked at it");
    }

    @Test
    void shouldRefuseAVersionNeverDeployedWithoutItsDigestAndRecordNothing() {
        int before = allEvents();

        assertThatThrownBy(() -> request(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessage("2.0.0 of " + world.ledger.getApplication() + " was never deployed and no deploy to "
                        + "production waits for it, so the build (image digest) to approve is unknown. Deploy it to "
                        + "another environment first (the usual staging before production), or name its digest.");
        assertThat(allEvents()).isEqualTo(before);

        assertThat(request(V2).setDigest(FakeWorld.digest(V2)).call().isApproved()).isFalse();
        assertThat(requests()).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("digest", FakeWorld.digest(V2)));
    }

    @Test
    void shouldWaitForTheBuildADeployAlreadyWaitsWith() {
        String rebuilt = "sha256:" + "e".repeat(64);
        request(V1).setDigest(rebuilt).call();

        assertThat(request(V1).resolveDigest()).as("the waiting deploy's build, not the older deployment's")
                .isEqualTo(rebuilt);
    }

    @Test
    void shouldAskNothingWhenTheEnvironmentNeedsNoApprovals() {
        int before = allEvents();

        assertThat(new ApprovalRequest(world.ledger, EnvironmentPolicy.none("production"), V2).call()).isNull();
        assertThat(allEvents()).isEqualTo(before);
    }
}
