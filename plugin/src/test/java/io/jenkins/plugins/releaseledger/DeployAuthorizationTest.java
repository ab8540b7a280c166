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
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "staging", false, null, null,
                granted());

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("jenkins", "Jenkins"));
        assertThat(checked).isEmpty();
    }

    @Test
    void shouldPreferTheBuildsAuthorizeProjectIdentityOverTheUserWhoStartedIt() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "production", true, ALICE, BOB,
                granted("auth-alice"));

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.actor()).isEqualTo(new Actor("alice", "Alice"));
        assertThat(checked).containsExactly("auth-alice");
    }

    @Test
    void shouldRefuseWhenTheBuildsIdentityLacksThePermissionEvenIfTheStarterHasIt() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("promote", "production", true, ALICE, BOB,
                granted("auth-bob"));

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("promote: alice may not deploy to the protected environment "
                + "'production'").contains(DeployAuthorization.PERMISSION).contains("Nothing was changed");
        assertThat(checked).containsExactly("auth-alice");
    }

    @Test
    void shouldCheckTheUserWhoStartedTheBuildWithoutAuthorizeProject() {
        DeployAuthorization<String> allowed = DeployAuthorization.decide("rollback", "production", true, null, BOB,
                granted("auth-bob"));
        DeployAuthorization<String> refused = DeployAuthorization.decide("rollback", "production", true, null, BOB,
                granted());

        assertThat(allowed.isAllowed()).isTrue();
        assertThat(allowed.actor()).isEqualTo(new Actor("bob", "Bob"));
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getRefusal()).contains("bob may not deploy");
    }

    @Test
    void shouldRefuseAProtectedDeployWithNoUserBehindTheBuildAndNameAuthorizeProject() {
        DeployAuthorization<String> decision = DeployAuthorization.decide("deployStage", "production", true, null, null,
                granted("anything"));

        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.getRefusal()).startsWith("deployStage: the environment 'production' is protected")
                .contains("Authorize Project");
        assertThat(checked).isEmpty();
    }

    @Test
    void shouldRecordTheStarterForAnUnprotectedDeploy() {
        assertThat(DeployAuthorization.decide("deployStage", "staging", false, null, BOB, granted()).actor())
                .isEqualTo(new Actor("bob", "Bob"));
    }
}
