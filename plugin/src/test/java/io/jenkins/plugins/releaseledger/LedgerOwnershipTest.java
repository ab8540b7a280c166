package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 item 8: a ledger belongs to the jobs that own its application, not to whoever names it. */
class LedgerOwnershipTest {
    private static final LedgerAccess SHOP = LedgerAccess.job("shop-deploy");
    private static final LedgerAccess BILLING = LedgerAccess.job("billing");

    @TempDir
    Path root;

    private LedgerStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldRefuseAnUnrelatedJobWritingReadingOrClearingAnotherJobsApplication() {
        // reproduction 3: billing names the application 'shop' that shop-deploy records in
        store = new LedgerStore(root);
        store.append(SHOP, "shop", LedgerStoreTest.tagged("1.4.0", false), false);

        assertThatThrownBy(() -> store.append(BILLING, "shop", LedgerStoreTest.tagged("6.6.6", false), false))
                .isInstanceOf(ApplicationNotOwnedException.class)
                .hasMessageContaining("'billing' does not own the application 'shop'")
                .hasMessageContaining("unclassified.releaseLedger.applications");
        assertThatThrownBy(() -> store.view(BILLING, "shop")).isInstanceOf(ApplicationNotOwnedException.class);
        assertThatThrownBy(() -> store.verify(BILLING, "shop")).isInstanceOf(ApplicationNotOwnedException.class);
        assertThatThrownBy(() -> store.ledgerFor(BILLING, "shop", false)).isInstanceOf(ApplicationNotOwnedException.class);

        assertThat(((Number) store.view(SHOP, "shop").state().get("events")).longValue()).isEqualTo(1L);
        assertThat(store.applicationsOf("billing")).isEmpty();
    }

    @Test
    void shouldDecideWithoutCreatingALedger() {
        store = new LedgerStore(root);

        assertThat(store.ownership(BILLING, "shop").isOwner()).isTrue();
        assertThat(root.resolve("shop")).doesNotExist();
    }

    @Test
    void shouldKeepTheClaimAcrossARestart() {
        store = new LedgerStore(root);
        store.append(SHOP, "shop", LedgerStoreTest.tagged("1.4.0", false), false);
        store.close();

        store = new LedgerStore(root);

        assertThat(store.ownership(BILLING, "shop").isOwner()).isFalse();
        assertThat(store.ownership(SHOP, "shop").isOwner()).isTrue();
    }

    @Test
    void shouldClaimForTheMultibranchProjectSoThatItsBranchesShareTheLedger() {
        store = new LedgerStore(root);
        store.append(new LedgerAccess("shop/main", "shop", null, List.of()), "shop", LedgerStoreTest.tagged("1.4.0", false),
                false);

        assertThat(store.ownership(new LedgerAccess("shop/release-2", "shop", null, List.of()), "shop").isOwner()).isTrue();
        assertThat(store.ownership(BILLING, "shop").isOwner()).isFalse();
    }

    @Test
    void shouldLetAnAdministratorShareTheLedgerWithAnotherJob() {
        store = new LedgerStore(root);
        store.append(SHOP, "shop", LedgerStoreTest.tagged("1.4.0", false), false);

        LedgerAccess configured = new LedgerAccess("billing", "billing", List.of("shop-deploy", "billing"), List.of());

        store.append(configured, "shop", LedgerStoreTest.tagged("1.5.0", false), false);
        assertThat(((Number) store.view(configured, "shop").state().get("events")).longValue()).isEqualTo(2L);
    }

    @Test
    void shouldRefuseAChangeRequestWhoseCHANGE_IDWasEmptied() {
        // reproduction 2: withEnv(['CHANGE_ID=']) around deployStage in a pull-request build
        store = new LedgerStore(root);
        Origin origin = new DeployIdentity(new FakeJenkins().changeRequest(true)).origin(null, Map.of("CHANGE_ID", ""));
        EventDraft deployment = new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, new Actor("alice", "Alice"), origin)
                .setEnvironment("staging").setData(Map.of("deploymentId", "d-1", "version", "1.4.0"));

        assertThatThrownBy(() -> store.append(SHOP, "shop", deployment, false))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("change request");
    }

    @Test
    void shouldGiveLedgersOfTheFormerIndexToTheFoldersOfTheJobsThatRecorded() throws Exception {
        Files.writeString(root.resolve(JobIndex.FILE_NAME),
                "{\"format\": 1, \"jobs\": {\"teams/shop/main\": [\"shop\"], \"billing\": [\"billing\"]}}");

        JobIndex index = JobIndex.load(root.resolve(JobIndex.FILE_NAME));

        assertThat(index.ownersOf("shop")).containsExactly("teams/shop");
        assertThat(index.ownersOf("billing")).containsExactly("billing");
        assertThat(index.ownersOf("other")).isEmpty();
    }
}
