package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationOwnershipTest {
    @Test
    void shouldLetTheFirstJobClaimAnUnusedApplication() {
        ApplicationOwnership first = ApplicationOwnership.decide("shop", LedgerAccess.job("shop-deploy"), List.of(), false);

        assertThat(first.isOwner()).isTrue();
        assertThat(first.isClaim()).isTrue();
    }

    @Test
    void shouldRefuseAnotherJobOnceClaimedAndNameTheSettings() {
        ApplicationOwnership other = ApplicationOwnership.decide("shop", LedgerAccess.job("billing"),
                List.of("shop-deploy"), true);

        assertThat(other.isOwner()).isFalse();
        assertThat(other.getRefusal()).startsWith("The job 'billing' does not own the application 'shop'")
                .contains(ApplicationOwnership.GLOBAL_SETTING).contains(ApplicationOwnership.FOLDER_SETTING)
                .doesNotContain("shop-deploy");
    }

    @Test
    void shouldShareAClaimOfAMultibranchProjectWithItsBranches() {
        assertThat(ApplicationOwnership.decide("shop", LedgerAccess.job("shop/feature-x"), List.of("shop"), true)
                .isOwner()).isTrue();
        assertThat(ApplicationOwnership.decide("shop", LedgerAccess.job("shopping/main"), List.of("shop"), true)
                .isOwner()).isFalse();
    }

    @Test
    void shouldLetConfiguredOwnersDecideAlone() {
        LedgerAccess listed = new LedgerAccess("teams/shop/deploy", "teams/shop/deploy", List.of("teams/shop"), List.of());
        LedgerAccess claimantNotListed = new LedgerAccess("shop-deploy", "shop-deploy", List.of("teams/shop/**"),
                List.of());

        assertThat(ApplicationOwnership.decide("shop", listed, List.of("shop-deploy"), true).isOwner()).isTrue();
        ApplicationOwnership refused = ApplicationOwnership.decide("shop", claimantNotListed, List.of("shop-deploy"), true);
        assertThat(refused.isOwner()).isFalse();
        assertThat(refused.getRefusal()).contains("only the owners configured").contains(ApplicationOwnership.GLOBAL_SETTING);
    }

    @Test
    void shouldLetAFolderDeclareAnApplicationThatNoJobOutsideItClaimed() {
        LedgerAccess inFolder = new LedgerAccess("teams/shop/deploy", "teams/shop/deploy", null, List.of("teams/shop"));

        assertThat(ApplicationOwnership.decide("shop", inFolder, List.of(), false).isClaim()).isTrue();
        assertThat(ApplicationOwnership.decide("shop", inFolder, List.of("teams/shop/build"), true).isOwner()).isTrue();
        ApplicationOwnership stolen = ApplicationOwnership.decide("shop", inFolder, List.of("shop-deploy"), true);
        assertThat(stolen.isOwner()).isFalse();
        assertThat(stolen.getRefusal()).contains("outside that folder").contains(ApplicationOwnership.GLOBAL_SETTING);
    }

    @Test
    void shouldRefuseEveryoneALedgerWithEventsButNoClaimUntilConfigured() {
        ApplicationOwnership lost = ApplicationOwnership.decide("shop", LedgerAccess.job("billing"), List.of(), true);
        ApplicationOwnership folder = ApplicationOwnership.decide("shop",
                new LedgerAccess("teams/x/job", "teams/x/job", null, List.of("teams/x")), List.of(), true);

        assertThat(lost.isOwner()).isFalse();
        assertThat(lost.getRefusal()).contains("no recorded owner").contains(ApplicationOwnership.GLOBAL_SETTING);
        assertThat(folder.isOwner()).isFalse();
    }

    @Test
    void shouldMatchOwnerPatterns() {
        assertThat(OwnerPattern.matches("shop", "shop")).isTrue();
        assertThat(OwnerPattern.matches("shop", "shop/main")).isTrue();
        assertThat(OwnerPattern.matches("shop/", "shop/main")).isTrue();
        assertThat(OwnerPattern.matches("shop", "shopping")).isFalse();
        assertThat(OwnerPattern.matches("teams/*/deploy", "teams/shop/deploy")).isTrue();
        assertThat(OwnerPattern.matches("teams/*/deploy", "teams/a/b/deploy")).isFalse();
        assertThat(OwnerPattern.matches("teams/**", "teams/a/b/deploy")).isTrue();
        assertThat(OwnerPattern.matches("a.b", "axb")).isFalse();
        assertThat(OwnerPattern.matches(" ", "shop")).isFalse();
    }
}
