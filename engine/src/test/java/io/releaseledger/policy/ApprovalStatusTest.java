package io.releaseledger.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalStatusTest {
    private static final ApprovalRule TWO = new ApprovalRule(2, List.of("release-managers"));
    private static final String DIGEST = "sha256:aaa";

    private static Approval approval(final String who, final String version, final String digest, final boolean granted) {
        return new Approval(who, who.toUpperCase(), version, digest, granted, "looks good", Instant.EPOCH);
    }

    @Test
    void shouldCountApprovalsOfTheExactReleaseOnly() {
        ApprovalStatus status = ApprovalStatus.of(TWO, "1.5.0", DIGEST, List.of(approval("bob", "1.5.0", DIGEST, true),
                approval("carol", "1.5.0", "sha256:bbb", true), approval("dave", "1.4.0", DIGEST, true)), Set.of());

        assertThat(status.getCounted()).extracting(Approval::getApproverId).containsExactly("bob");
        assertThat(status.getMissing()).isEqualTo(1);
        assertThat(status.isApproved()).isFalse();
        assertThat(status.describe()).isEqualTo("1 of 2 (BOB) approvals; waiting for 1 more from release-managers");
    }

    @Test
    void shouldNeverCountSelfApprovals() {
        ApprovalStatus status = ApprovalStatus.of(TWO, "1.5.0", DIGEST, List.of(approval("alice", "1.5.0", DIGEST, true),
                approval("bob", "1.5.0", DIGEST, true)), Set.of("Alice"));

        assertThat(status.getCounted()).extracting(Approval::getApproverId).containsExactly("bob");
        assertThat(status.getSelfApprovals()).extracting(Approval::getApproverId).containsExactly("alice");
        assertThat(status.isApproved()).isFalse();
    }

    @Test
    void shouldBeApprovedWithEnoughApprovalsAndNoRejection() {
        ApprovalStatus status = ApprovalStatus.of(TWO, "1.5.0", DIGEST, List.of(approval("bob", "1.5.0", DIGEST, true),
                approval("carol", "1.5.0", DIGEST, true)), Set.of("alice"));

        assertThat(status.isApproved()).isTrue();
    }

    @Test
    void shouldLetARejectionWinUntilItsAuthorApproves() {
        List<Approval> rejected = List.of(approval("bob", "1.5.0", DIGEST, true), approval("carol", "1.5.0", DIGEST, true),
                approval("dave", "1.5.0", DIGEST, false));
        ApprovalStatus status = ApprovalStatus.of(TWO, "1.5.0", DIGEST, rejected, Set.of());

        assertThat(status.isApproved()).isFalse();
        assertThat(status.describe()).isEqualTo("rejected by DAVE: looks good");

        List<Approval> changedMind = new java.util.ArrayList<>(rejected);
        changedMind.add(approval("dave", "1.5.0", DIGEST, true));
        assertThat(ApprovalStatus.of(TWO, "1.5.0", DIGEST, changedMind, Set.of()).isApproved()).isTrue();
    }

    @Test
    void shouldKnowWhoMayApprove() {
        assertThat(TWO.mayApprove("bob", List.of("Release-Managers"))).isTrue();
        assertThat(TWO.mayApprove("bob", List.of("developers"))).isFalse();
        assertThat(new ApprovalRule(1, List.of()).mayApprove("anyone", List.of())).isTrue();
        assertThatThrownBy(() -> new ApprovalRule(0, List.of())).isInstanceOf(PolicyException.class)
                .hasMessageContaining("at least 1 approval");
    }
}
