package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/** An administrator unlocks an environment left locked from the Releases page: audited, POST only. */
class PageUnlockTest {
    private static final String ROOT = "https://ci.example/";
    private static final String PAGE = "https://ci.example/job/shop/releases/shop/";

    @TempDir
    Path root;

    @Test
    void shouldListTheLockedEnvironmentsForTheUnlockForms() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThat(LockedEnvironments.of(ledger.view().state())).isEmpty();
            ledger.lock("staging", "1.4.0", "deploy", new Actor("ci", null), Origin.cli("ci", "controller"));

            assertThat(LockedEnvironments.of(ledger.view().state())).singleElement().satisfies(locked -> {
                assertThat(locked).containsEntry("environment", "staging").containsEntry("version", "1.4.0")
                        .containsEntry("purpose", "deploy");
                assertThat(String.valueOf(locked.get("since"))).isNotBlank().isNotEqualTo("null");
            });

            PageUnlock.unlock(ledger, "staging", "stuck", "alice", null, "shop", ROOT, "shop");
            assertThat(LockedEnvironments.of(ledger.view().state())).isEmpty();
        }
    }

    @Test
    void shouldReleaseTheLockRecordingTheUserThePageAndTheReason() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LockResult stuck = ledger.lock("staging", "1.4.0", "deploy 1.4.0 (pid 7 on controller)",
                    new Actor("ci", null), Origin.cli("ci", "controller"));

            String done = PageUnlock.unlock(ledger, " staging ", "build #212 was aborted and kept the lock", "alice",
                    "Alice", "shop", ROOT, "shop");

            assertThat(done).contains("Unlocked staging").contains(stuck.getLockId());
            LedgerEvent unlocked = ledger.events("staging").get(1);
            assertThat(unlocked.getType()).isEqualTo(EventTypes.ENVIRONMENT_UNLOCKED);
            assertThat(unlocked.getData()).containsEntry("lockId", stuck.getLockId()).containsEntry("forced", true)
                    .containsEntry("reason", "build #212 was aborted and kept the lock");
            assertThat(unlocked.getActor().getId()).isEqualTo("alice");
            assertThat(unlocked.getOrigin().toJson()).containsEntry("url", PAGE);
        }
    }

    @Test
    void shouldRefuseWithoutEnvironmentReasonOrLock() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> PageUnlock.unlock(ledger, "staging", "stuck", "alice", null, "shop", ROOT, "shop"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("is not locked");
            ledger.lock("staging", "1.4.0", "deploy", new Actor("ci", null), Origin.cli("ci", "controller"));
            assertThatThrownBy(() -> PageUnlock.unlock(ledger, "staging", " ", "alice", null, "shop", ROOT, "shop"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("needs a reason");
            assertThatThrownBy(() -> PageUnlock.unlock(ledger, "", "stuck", "alice", null, "shop", ROOT, "shop"))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("Name the environment");
            assertThat(ledger.events("staging")).hasSize(1);
        }
    }

    @Test
    void shouldAcceptOnlyPostAndHaveAnAdministratorPermission() throws Exception {
        assertThat(ApplicationReleases.class.getMethod("doUnlock", StaplerRequest2.class, StaplerResponse2.class)
                .isAnnotationPresent(RequirePOST.class)).isTrue();
        assertThat(PermissionTexts.unlock().toString(Locale.ENGLISH)).startsWith("Unlock an environment");
    }
}
