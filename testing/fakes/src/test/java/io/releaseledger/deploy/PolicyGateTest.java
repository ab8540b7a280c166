package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.FreezeWindow;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The environment's policy before a deploy, promote or rollback changes anything, with the fake world. */
class PolicyGateTest {
    private static final String V1 = "1.0.0";
    private static final String V2 = "2.0.0";
    /** Saturday 2026-12-05 12:00 UTC: inside the weekend window. */
    private static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final EnvironmentPolicy WEEKEND = new EnvironmentPolicy("web").setFreezeWindows(List.of(
            FreezeWindow.recurring("weekend", "0 18 * * FRI", Duration.ofHours(62), "UTC")));
    private static final EnvironmentPolicy ONE_APPROVAL = new EnvironmentPolicy("web")
            .setApprovals(new ApprovalRule(1, List.of("bob", "carol", "managers")));

    @TempDir
    Path temp;

    private FakeWorld world;

    @BeforeEach
    void deployTheFirstRelease() throws Exception {
        world = new FakeWorld(temp, 1, false);
        world.publish(V1).publish(V2).deploy(V1).call();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private ApproveCommand approve(final String who, final String version) {
        return new ApproveCommand(world.ledger, ONE_APPROVAL, version, true).setActor(new Actor(who, null))
                .setOrigin(Origin.cli(who, "test")).setComment("ok");
    }

    @Test
    void shouldRefuseADeployInsideAFreezeWindowNamingItsEndAndRecordNothing() {
        List<String> before = world.eventTypes();

        assertThatThrownBy(() -> world.deploy(V2).setPolicy(WEEKEND).setClock(SATURDAY).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Refusing to deploy 2.0.0 to web: the freeze window 'weekend'")
                .hasMessageContaining("holds until 2026-12-07T08:00:00Z")
                .hasMessageContaining("override the freeze with a reason");

        assertThat(world.eventTypes()).isEqualTo(before);
        assertThat(world.versions()).containsExactly(V1);
    }

    @Test
    void shouldDeployOutsideTheWindow() {
        world.deploy(V2).setPolicy(WEEKEND).setClock(MONDAY).call();

        assertThat(world.versions()).containsExactly(V2);
        assertThat(world.eventTypes()).doesNotContain(EventTypes.FREEZE_OVERRIDDEN);
    }

    @Test
    void shouldRecordAnOverrideBeforeTheDeployItAllowed() {
        world.deploy(V2).setPolicy(WEEKEND).setClock(SATURDAY).setFreezeOverride("payment outage, hotfix").call();

        assertThat(world.versions()).containsExactly(V2);
        assertThat(world.eventTypes()).containsSubsequence(EventTypes.FREEZE_OVERRIDDEN, EventTypes.DEPLOYMENT_STARTED,
                EventTypes.DEPLOYMENT_SUCCEEDED);
        assertThat(world.events(EventTypes.FREEZE_OVERRIDDEN).get(0)).containsEntry("version", V2)
                .containsEntry("window", "weekend").containsEntry("until", "2026-12-07T08:00:00Z")
                .containsEntry("reason", "payment outage, hotfix");
    }

    @Test
    void shouldAlwaysAllowARollbackInsideAWindow() {
        world.deploy(V2).call();
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(world.descriptor(), null)
                .setTargets(world.targets()).setMessages(world.messages).setStopTimeout(Duration.ofSeconds(1));

        new RollbackCommand(world.descriptor(), "web", "broken checkout", world.ledger, executor)
                .setActor(new Actor("alice", null)).setOrigin(Origin.cli("alice", "test"))
                .setDeployOptions(deploy -> deploy.setPolicy(WEEKEND).setClock(SATURDAY)
                        .setLockTimeout(Duration.ZERO)).call();

        assertThat(world.versions()).containsExactly(V1);
        assertThat(world.eventTypes()).contains(EventTypes.RELEASE_ROLLED_BACK).doesNotContain(
                EventTypes.FREEZE_OVERRIDDEN);
    }

    @Test
    void shouldWaitForAnApprovalOfTheExactReleaseThenDeploy() {
        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOfSatisfying(ApprovalPendingException.class, pending -> {
                    assertThat(pending.getDigest()).isEqualTo(FakeWorld.digest(V2));
                    assertThat(pending.getWaitingFor()).isEqualTo("0 of 1 approvals; waiting for 1 more from bob, "
                            + "carol, managers");
                })
                .hasMessageContaining("release-ledger approve --environment web --version 2.0.0 --digest "
                        + FakeWorld.digest(V2));
        assertThat(world.versions()).containsExactly(V1);
        Map<String, Object> request = world.events(EventTypes.APPROVAL_REQUESTED).get(0);
        assertThat(request).containsEntry("version", V2).containsEntry("digest", FakeWorld.digest(V2))
                .containsEntry("required", 1L).containsEntry("approvers", List.of("bob", "carol", "managers"));

        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOf(ApprovalPendingException.class);
        assertThat(world.events(EventTypes.APPROVAL_REQUESTED)).as("asked once").hasSize(1);

        assertThat(approve("bob", V2).call()).isEqualTo("Approved 2.0.0 (" + FakeWorld.digest(V2) + ") for web as bob.");
        world.deploy(V2).setPolicy(ONE_APPROVAL).call();

        assertThat(world.versions()).containsExactly(V2);
        assertThat(world.eventTypes()).containsSubsequence(EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_GRANTED,
                EventTypes.DEPLOYMENT_STARTED, EventTypes.DEPLOYMENT_SUCCEEDED);
    }

    @Test
    void shouldNeedNewApprovalsForANewDigest() {
        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOf(ApprovalPendingException.class);
        approve("bob", V2).call();

        String rebuilt = "sha256:" + "b".repeat(64);
        assertThatThrownBy(() -> world.deploy(V2).setDigest(rebuilt).setPolicy(ONE_APPROVAL).call())
                .isInstanceOfSatisfying(ApprovalPendingException.class,
                        pending -> assertThat(pending.getDigest()).isEqualTo(rebuilt));
        assertThat(world.versions()).containsExactly(V1);
    }

    @Test
    void shouldRefuseSelfApprovalByTheRequesterAndByACommitAuthor() {
        world.ledger.append(new EventDraft(EventTypes.VERSION_TAGGED, new Actor("ci", null), Origin.cli("ci", "test"))
                .setData(Map.of("version", V2, "tag", "v2.0.0", "commit", "abc", "commits",
                        List.of(Map.of("id", "abc", "subject", "feat: x", "author", "Carol <carol@example.com>",
                                "authorEmail", "carol@example.com")))));
        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOf(ApprovalPendingException.class);
        List<String> before = world.eventTypes();

        assertThatThrownBy(() -> new ApproveCommand(world.ledger, new EnvironmentPolicy("web")
                .setApprovals(new ApprovalRule(1, List.of())), V2, true).setActor(new Actor("alice", null)).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessage("alice may not approve 2.0.0 for web: they asked for this deploy. Someone else must judge it.");
        assertThatThrownBy(() -> approve("carol", V2).call())
                .hasMessageContaining("carol may not approve 2.0.0 for web: they authored commits of this release");

        assertThat(world.eventTypes()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnApprovalForAnotherReleaseOrByAnotherPersonAndRecordNothing() {
        assertThatThrownBy(() -> approve("bob", V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Nothing waits for approval in web");
        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOf(ApprovalPendingException.class);
        List<String> before = world.eventTypes();

        assertThatThrownBy(() -> approve("bob", V1).call())
                .hasMessage("No deploy of 1.0.0 to web waits for approval; waiting there: 2.0.0 ("
                        + FakeWorld.digest(V2) + ", asked by alice). Approve that release by its version and digest.");
        assertThatThrownBy(() -> approve("bob", V2).setDigest("sha256:" + "c".repeat(64)).call())
                .hasMessageContaining("No deploy of 2.0.0 (sha256:ccc");
        assertThatThrownBy(() -> approve("dave", V2).call())
                .hasMessage("dave may not approve releases for web: the approvers are bob, carol, managers. Ask one of "
                        + "them.");
        assertThatThrownBy(() -> new ApproveCommand(world.ledger, ONE_APPROVAL, V2, false)
                .setActor(new Actor("bob", null)).call()).hasMessageContaining("a rejection needs a comment");
        assertThatThrownBy(() -> new ApproveCommand(world.ledger, new EnvironmentPolicy("web"), V2, true).call())
                .hasMessageContaining("web needs no approvals");

        assertThat(world.eventTypes()).isEqualTo(before);
        assertThat(approve("dave", V2).setGroups(List.of("Managers")).call()).startsWith("Approved 2.0.0");
    }

    @Test
    void shouldRefuseARejectedReleaseWithTheComment() {
        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isInstanceOf(ApprovalPendingException.class);
        approve("bob", V2).call();
        new ApproveCommand(world.ledger, ONE_APPROVAL, V2, false).setActor(new Actor("carol", null))
                .setComment("migration not reviewed").call();

        assertThatThrownBy(() -> world.deploy(V2).setPolicy(ONE_APPROVAL).call())
                .isNotInstanceOf(ApprovalPendingException.class).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Refusing to deploy 2.0.0 (" + FakeWorld.digest(V2) + ") to web: rejected by "
                        + "carol: migration not reviewed");
        assertThat(world.versions()).containsExactly(V1);
    }
}
