package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Origin;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

/** The build's identity and the controller's policy as a running step sees them (issue 9, items 7 and 8). */
class DeployIdentityTest {
    private static final Authentication ALICE = new TestAuthentication("alice");
    private static final Authentication BOB = new TestAuthentication("bob");

    @Test
    void shouldDeployAsTheIdentityTheBuildRunsAsWhenAnUpstreamBuildStartedIt() {
        // "Run as User who Triggered Build", started by alice through an upstream job: no UserIdCause on this build,
        // but its thread runs as alice
        FakeJenkins jenkins = new FakeJenkins().runningAs(ALICE).user(ALICE, true);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("deployStage", null, "shop", "production", true, true);

        assertThat(decision.isAllowed()).as(decision.getRefusal()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("alice", "Alice"));
    }

    @Test
    void shouldCheckTheIdentityTheBuildRunsAsNotTheUserWhoStartedIt() {
        FakeJenkins jenkins = new FakeJenkins().runningAs(ALICE).user(ALICE, false).startedBy("bob").user(BOB, true);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("promote", null, "shop", "production", true, true);

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("promote: alice may not deploy");
    }

    @Test
    void shouldFallBackToTheStarterWhenTheBuildRunsAsSystem() {
        FakeJenkins jenkins = new FakeJenkins().startedBy("bob").user(BOB, true);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("rollback", null, "shop", "production", true, true);

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("bob", "Bob"));
        assertThat(new DeployIdentity(jenkins).actor(null)).isEqualTo(new Actor("bob", "Bob"));
    }

    @Test
    void shouldRecordTheBuildsIdentityAsTheActorOfItsEvents() {
        assertThat(new DeployIdentity(new FakeJenkins().runningAs(ALICE).startedBy("bob")).actor(null))
                .isEqualTo(new Actor("alice", "Alice"));
        assertThat(new DeployIdentity(new FakeJenkins()).actor(null)).isEqualTo(new Actor("jenkins", "Jenkins"));
    }

    @Test
    void shouldKeepTheControllersProtectionWhenTheWorkspaceSaysProtectedFalse() {
        // reproduction 1: release-ledger.yaml on a branch says production is not protected
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(java.util.List.of(new ProtectedEnvironment("production")));
        FakeJenkins jenkins = new FakeJenkins().policy(shop).runningAs(ALICE).user(ALICE, false);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("deployStage", null, "shop", "production", false, true);

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.isProtected()).isTrue();
        assertThat(decision.getRefusal()).contains("alice may not deploy").contains("protected by the controller")
                .contains(DeployAuthorization.PERMISSION);
    }

    @Test
    void shouldLetTheWorkspaceAddProtection() {
        FakeJenkins jenkins = new FakeJenkins().runningAs(ALICE).user(ALICE, false);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("deployStage", null, "shop", "qa", true, true);

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).contains("protected by the release descriptor");
    }

    @Test
    void shouldNotCheckProtectionForAStepThatDoesNotChangeTheEnvironment() {
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(java.util.List.of(new ProtectedEnvironment("production")));

        DeployAuthorization<Authentication> decision = new DeployIdentity(new FakeJenkins().policy(shop))
                .decide("smokeCheck", null, "shop", "production", true, false);

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.isProtected()).isFalse();
    }

    @Test
    void shouldRefuseAJobThatDoesNotOwnTheApplicationBeforeLookingAtTheUser() {
        FakeJenkins jenkins = new FakeJenkins().runningAs(ALICE).user(ALICE, true)
                .notOwner("The job 'billing' does not own the application 'shop': … " + ApplicationOwnership.GLOBAL_SETTING);

        DeployAuthorization<Authentication> decision = new DeployIdentity(jenkins)
                .decide("deployStage", null, "shop", "staging", false, true);

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("deployStage: The job 'billing' does not own")
                .contains("unclassified.releaseLedger.applications").endsWith("Nothing was changed.");
    }

    @Test
    void shouldMarkTheOriginAChangeRequestByTheScmHeadEvenWhenCHANGE_IDIsEmptied() {
        // reproduction 2: withEnv(['CHANGE_ID=']) around the step of a pull-request build
        Origin origin = new DeployIdentity(new FakeJenkins().changeRequest(true)).origin(null, Map.of("CHANGE_ID", ""));

        assertThat(origin.isChangeRequest()).isTrue();
        assertThat(origin.getUrl()).isEqualTo("https://ci.example/job/shop/job/main/7/");
    }

    @Test
    void shouldLetOnlyAUserWithThePermissionOverrideAFreezeWindow() {
        FakeJenkins jenkins = new FakeJenkins().runningAs(ALICE).user(ALICE, true).mayOverrideFreeze("bob");

        assertThat(new DeployIdentity(jenkins).freezeOverrideRefusal("deployStage", null))
                .isEqualTo("deployStage: alice may not override freeze windows: the 'Release Ledger » Override freeze "
                        + "windows' permission on this job is missing. Nothing was changed.");
        assertThat(new DeployIdentity(jenkins.mayOverrideFreeze("alice")).freezeOverrideRefusal("deployStage", null))
                .isNull();
        assertThat(new DeployIdentity(new FakeJenkins()).freezeOverrideRefusal("promote", null))
                .startsWith("promote: overrideFreeze needs a user behind the build");
        assertThat(new DeployIdentity(new FakeJenkins().startedBy("bob").user(BOB, false).mayOverrideFreeze("bob"))
                .freezeOverrideRefusal("promote", null)).isNull();
    }
}
