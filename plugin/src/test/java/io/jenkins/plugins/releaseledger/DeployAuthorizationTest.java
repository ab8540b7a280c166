package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DeployAuthorizationTest {
    private static final DeployAuthorization.Identity<String> ALICE = new DeployAuthorization.Identity<>("alice", "Alice", "auth-alice");
    private static final DeployAuthorization.Identity<String> BOB = new DeployAuthorization.Identity<>("bob", "Bob", "auth-bob");

    private static final EnvironmentProtection OPEN = EnvironmentProtection.none();
    private static final EnvironmentProtection PROTECTED = EnvironmentProtection.of("shop", "production", null, true);

    private final List<String> checked = new ArrayList<>();

    private Predicate<String> granted(final String... authentications) {
        Set<String> allowed = Set.of(authentications);
        return authentication -> {
            checked.add(authentication);
            return allowed.contains(authentication);
        };
    }

    @Test
    void shouldLetAnyoneDeployToAnUnprotectedEnvironmentWithoutCheckingThePermission() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "staging", OPEN, null, null,
                granted());

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("jenkins", "Jenkins"));
        assertThat(checked).isEmpty();
    }

    @Test
    void shouldPreferTheBuildsAuthorizeProjectIdentityOverTheUserWhoStartedIt() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "production", PROTECTED, ALICE, BOB,
                granted("auth-alice"));

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("alice", "Alice"));
        assertThat(checked).containsExactly("auth-alice");
    }

    @Test
    void shouldRefuseWhenTheBuildsIdentityLacksThePermissionEvenIfTheStarterHasIt() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("promote", "production", PROTECTED, ALICE, BOB,
                granted("auth-bob"));

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("promote: alice may not deploy to the protected environment 'production' "
                + "(protected by the release descriptor)").contains(DeployAuthorization.PERMISSION).contains("Nothing was changed");
        assertThat(checked).containsExactly("auth-alice");
    }

    @Test
    void shouldCheckTheUserWhoStartedTheBuildWithoutAuthorizeProject() {
        DeployAuthorization<String> allowed = DeployAuthorization.decide("rollback", "production", PROTECTED, null, BOB,
                granted("auth-bob"));
        DeployAuthorization<String> refused = DeployAuthorization.decide("rollback", "production", PROTECTED, null, BOB,
                granted());

        assertThat(allowed.isAllowed()).isTrue();
        assertThat(allowed.actor()).isEqualTo(new Actor("bob", "Bob"));
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getRefusal()).contains("bob may not deploy");
    }

    @Test
    void shouldRefuseAProtectedDeployWithNoUserBehindTheBuildAndNameAuthorizeProject() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "production", PROTECTED, null, null,
                granted("anything"));

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("deployStage: the environment 'production' is protected (protected by the release descriptor)")
                .contains("Authorize Project");
        assertThat(checked).isEmpty();
    }

    @Test
    void shouldRecordTheStarterForAnUnprotectedDeploy() {
        assertThat(DeployAuthorization.decide("deployStage", "staging", OPEN, null, BOB, granted()).actor())
                .isEqualTo(new Actor("bob", "Bob"));
    }

    @Test
    void shouldLimitAControllerProtectedEnvironmentToItsDeployersByIdOrGroup() {
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setDeployers("carol, release-managers");
        EnvironmentProtection protection = EnvironmentProtection.of("shop", "production", production, false);
        DeployAuthorization.Identity<String> managers = new DeployAuthorization.Identity<>("dave", "Dave",
                List.of("Release-Managers"), "auth-dave");

        DeployAuthorization<String> alice = DeployAuthorization.decide("deployStage", "production", protection, ALICE,
                null, granted("auth-alice"));
        DeployAuthorization<String> dave = DeployAuthorization.decide("deployStage", "production", protection, managers,
                null, granted("auth-dave"));

        assertThat(alice.isAllowed()).isFalse();
        assertThat(alice.getRefusal()).contains("alice may not deploy").contains("deployers")
                .contains("protected by the controller (Manage Jenkins » System » Release Ledger » Applications » 'shop' » "
                        + "Protected environments » 'production')");
        assertThat(dave.isAllowed()).isTrue();
    }
}
