package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import io.releaseledger.ledger.VersionTagged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
    private static final Actor ALICE = new Actor("alice", "Alice Example");

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
    void shouldAppendToTheApplicationsJournalAndIndexTheJob() throws Exception {
        store = new LedgerStore(root);

        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);

        List<String> lines = Files.readAllLines(root.resolve("shop").resolve("events.jsonl"));
        assertThat(lines).singleElement().satisfies(line -> {
            Map<String, Object> event = Json.parseObject(line);
            assertThat(event).containsEntry("type", "version.tagged").containsEntry("application", "shop");
            assertThat(map(event.get("origin"))).containsEntry("kind", "jenkins").containsEntry("job", "shop/main")
                    .containsEntry("url", "https://ci.example/job/shop/job/main/12/").containsEntry("changeRequest", false);
            assertThat(map(event.get("data"))).containsEntry("version", "1.4.0").containsEntry("tag", "v1.4.0");
        });
        assertThat(store.applicationsOf("shop/main")).containsExactly("shop");
        assertThat(store.applicationsOf("other")).isEmpty();
        assertThat(JobIndex.load(root.resolve(JobIndex.FILE_NAME)).applicationsOf("shop/main")).containsExactly("shop");
    }

    @Test
    void shouldRefuseAnApplicationNamedLikeTheJobIndexAndKeepTheIndex() throws Exception {
        store = new LedgerStore(root);

        // On a fresh controller first: the directory jobs.json would take the index's place.
        assertThatThrownBy(() -> store.append(LedgerAccess.job("other/main"), "jobs.json", tagged("0.1.0", false),
                false)).isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("'jobs.json' is reserved");
        assertThat(root.resolve(JobIndex.FILE_NAME)).doesNotExist();
        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);
        assertThatThrownBy(() -> store.append(LedgerAccess.job("other/main"), "JOBS.JSON", tagged("0.1.0", false),
                false)).isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("is reserved");

        assertThat(root.resolve(JobIndex.FILE_NAME)).isRegularFile();
        assertThat(JobIndex.load(root.resolve(JobIndex.FILE_NAME)).applicationsOf("shop/main")).containsExactly("shop");
        assertThat(JobIndex.load(root.resolve(JobIndex.FILE_NAME)).ownersOf("jobs.json")).as("no claim").isEmpty();
        store.close();
        store = new LedgerStore(root);
        assertThat(store.applicationsOf("shop/main")).containsExactly("shop");
    }

    @Test
    void shouldKeepTheDefaultApplicationOfAFolderJobInOneDirectory() throws Exception {
        store = new LedgerStore(root);

        store.append(LedgerAccess.job("shop/main"), "shop/main", tagged("0.1.0", false), false);

        assertThat(root.resolve("shop%2Fmain").resolve("events.jsonl")).isRegularFile();
        assertThat(store.applicationsOf("shop/main")).containsExactly("shop/main");
    }

    @Test
    void shouldKnowWhichVersionsAreTagged() {
        store = new LedgerStore(root);
        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);

        assertThat(VersionTagged.isRecorded(store.view("shop"), "1.4.0")).isTrue();
        assertThat(VersionTagged.isRecorded(store.view("shop"), "1.5.0")).isFalse();
    }

    @Test
    void shouldRefuseRestrictedEventsOfChangeRequestsUnlessAllowed() {
        store = new LedgerStore(root);
        EventDraft deployment = new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE,
                Origin.build("shop/PR-7", 3, "https://ci.example/job/shop/job/PR-7/3/", true))
                .setEnvironment("staging").setData(Map.of("deploymentId", "d-1", "version", "1.4.0"));

        assertThatThrownBy(() -> store.append(LedgerAccess.job("shop/PR-7"), "shop", deployment, false))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("change request");
        assertThat(store.applicationsOf("shop/PR-7")).isEmpty();

        store.append(LedgerAccess.job("shop/PR-7"), "shop", deployment, true);
        assertThat(store.applicationsOf("shop/PR-7")).containsExactly("shop");
    }

    @Test
    void shouldLetChangeRequestsRecordTaggedVersions() {
        store = new LedgerStore(root);

        store.append(LedgerAccess.job("shop/PR-7"), "shop", tagged("1.5.0-pr-7.1", true), false);

        assertThat(VersionTagged.isRecorded(store.view("shop"), "1.5.0-pr-7.1")).isTrue();
    }

    @Test
    void shouldServeTheViewAndVerificationOfEachApplication() {
        store = new LedgerStore(root);
        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);

        Map<String, Object> state = store.view("shop").state();
        assertThat(state).containsEntry("application", "shop");
        assertThat(((Number) state.get("events")).longValue()).isEqualTo(1);
        assertThat(store.verify("shop").isIntact()).isTrue();
    }

    @Test
    void shouldVerifyAgainOnlyWhenTheJournalChanged() throws Exception {
        store = new LedgerStore(root);
        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);
        io.releaseledger.ledger.Verification first = store.verify("shop");
        assertThat(store.verify("shop")).isSameAs(first);

        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.5.0", false), false);
        io.releaseledger.ledger.Verification second = store.verify("shop");
        assertThat(second).isNotSameAs(first);
        assertThat(second.getEvents()).isEqualTo(2);

        Path journal = root.resolve("shop").resolve("events.jsonl");
        String text = Files.readString(journal);
        Files.writeString(journal, text.replace("1.4.0", "1.4.1"));
        Files.setLastModifiedTime(journal, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        io.releaseledger.ledger.Verification tampered = store.verify("shop");
        assertThat(tampered.isIntact()).isFalse();
        assertThat(tampered.getLine()).isEqualTo(1);
    }

    @Test
    void shouldReadTheJobIndexWrittenBeforeARestart() {
        store = new LedgerStore(root);
        store.append(LedgerAccess.job("shop/main"), "shop", tagged("1.4.0", false), false);
        store.close();

        store = new LedgerStore(root);

        assertThat(store.applicationsOf("shop/main")).containsExactly("shop");
        assertThat(VersionTagged.isRecorded(store.view("shop"), "1.4.0")).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object json) {
        return (Map<String, Object>) json;
    }

    static EventDraft tagged(final String version, final boolean changeRequest) {
        return new EventDraft(EventTypes.VERSION_TAGGED, ALICE,
                Origin.build("shop/main", 12, "https://ci.example/job/shop/job/main/12/", changeRequest))
                .setData(new VersionTagged(Map.of("version", version, "tag", "v" + version, "commit", "abc",
                        "commits", List.of(Map.of("id", "abc", "subject", "feat: x")))).data());
    }
}
