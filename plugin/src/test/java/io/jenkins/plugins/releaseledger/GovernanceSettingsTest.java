package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.PolicyException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's approvals and freeze windows, as the engine's policy; a bad window is refused when saved. */
class GovernanceSettingsTest {
    private static ApplicationPolicy shop(final FreezeWindowSetting... windows) {
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(2);
        production.setApprovers("release-managers\nalice");
        production.setFreezeWindows(List.of(windows));
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production, new ProtectedEnvironment("staging")));
        return shop;
    }

    private static FreezeWindowSetting weekend(final String cron) {
        FreezeWindowSetting weekend = new FreezeWindowSetting("weekend");
        weekend.setCron(cron);
        weekend.setDuration("62h");
        weekend.setTimeZone("Europe/Berlin");
        return weekend;
    }

    @Test
    void shouldTurnTheSettingsIntoTheEnginesPolicy() {
        FreezeWindowSetting yearEnd = new FreezeWindowSetting("year-end");
        yearEnd.setFrom("2026-12-20T00:00:00Z");
        yearEnd.setTo(" 2027-01-04T00:00:00Z ");

        EnvironmentPolicy production = GovernanceSettings.policy(shop(weekend("0 18 * * FRI"), yearEnd), "production");

        assertThat(production.getApprovals().getRequired()).isEqualTo(2);
        assertThat(production.getApprovals().getApprovers()).containsExactly("release-managers", "alice");
        assertThat(production.activeFreeze(Instant.parse("2026-12-05T12:00:00Z")).orElseThrow().getWindow().getName())
                .isEqualTo("weekend");
        assertThat(production.activeFreeze(Instant.parse("2026-12-22T12:00:00Z")).orElseThrow().getWindow().getName())
                .isEqualTo("year-end");
        assertThat(GovernanceSettings.policy(shop(), "staging").isEmpty()).isTrue();
        assertThat(GovernanceSettings.policy(null, "production").isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseABadWindowNamingTheApplicationEnvironmentWindowAndFix() {
        assertThatThrownBy(() -> GovernanceSettings.policy(shop(weekend("0 18 * FRI")), "production"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("Release Ledger » Applications » 'shop' » Protected environments: "
                        + "environments.production.freezeWindows[0]: Freeze window 'weekend': The cron expression "
                        + "'0 18 * FRI' is not valid: it has 4 fields. Write five");
    }

    @Test
    void shouldRefuseToSaveABadWindowWithTheSameMessage() {
        assertThatThrownBy(() -> ReleaseLedgerConfiguration.checkGovernance(List.of(shop(weekend("0 25 * * *")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop'").hasMessageContaining("in the hour field, '25' is outside 0-23");
        ReleaseLedgerConfiguration.checkGovernance(List.of(shop(weekend("0 18 * * FRI"))));
    }

    @Test
    void shouldKeepNoApprovalRuleForZeroRequiredApprovals() {
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(-3);
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production));

        assertThat(production.getRequiredApprovals()).isZero();
        assertThat(GovernanceSettings.policy(shop, "production").getApprovals()).isNull();
    }
}
