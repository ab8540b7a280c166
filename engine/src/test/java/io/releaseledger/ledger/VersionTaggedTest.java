package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one {@code version.tagged} builder that the CLI and the plugin share (issue 9, item 14). */
class VersionTaggedTest {
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin ORIGIN = Origin.cli("alice", "laptop");

    @TempDir
    Path root;

    @Test
    void shouldRecordCreatedTagsAndReRunsButNeverDryRuns() {
        assertThat(new VersionTagged(Map.of("version", "1.0.0", "tagCreated", true)).isRecordable()).isTrue();
        assertThat(new VersionTagged(Map.of("version", "1.0.0", "alreadyTagged", true)).isRecordable()).isTrue();
        assertThat(new VersionTagged(Map.of("version", "1.0.0", "alreadyTagged", true)).isRerun()).isTrue();
        assertThat(new VersionTagged(Map.of("version", "1.0.0", "dryRun", true, "tagCreated", true)).isRecordable())
                .isFalse();
        assertThat(new VersionTagged(Map.of("version", "1.0.0")).isRecordable()).isFalse();
    }

    @Test
    void shouldCarryWhatTheContractNamesAndTheRepositoryUrlWhenKnown() {
        Map<String, Object> data = new VersionTagged(result()).setRepositoryUrl(" https://git.example/shop ").data();

        assertThat(data).containsExactly(
                Map.entry("version", "1.4.0"),
                Map.entry("tag", "v1.4.0"),
                Map.entry("commit", "9fceb02"),
                Map.entry("previousVersion", "1.3.2"),
                Map.entry("repositoryUrl", "https://git.example/shop"),
                Map.entry("commits", List.of(Map.of("id", "9fceb02", "subject", "feat: search"))));
        assertThat(new VersionTagged(result()).setRepositoryUrl(" ").data()).doesNotContainKey("repositoryUrl");
    }

    @Test
    void shouldRecordEachCommitsAuthorWhenTheResultHasItMasked() {
        Map<String, Object> result = result();
        result.put("commits", List.of(
                Map.of("id", "1", "subject", "feat: a", "author", "Carol s3cr3t", "authorEmail", "carol@example.com"),
                Map.of("id", "2", "subject", "fix: b", "author", " ")));

        Map<String, Object> data = new VersionTagged(result).setMask(text -> text.replace("s3cr3t", "****")).data();

        assertThat(data.get("commits")).isEqualTo(List.of(
                Map.of("id", "1", "subject", "feat: a", "author", "Carol ****", "authorEmail", "carol@example.com"),
                Map.of("id", "2", "subject", "fix: b")));
    }

    @Test
    void shouldAddOnlyTheCommitCountWhenTheResultListsEveryCommit() {
        Map<String, Object> result = result();
        result.put("commitCount", 1);

        assertThat(new VersionTagged(result).data()).containsExactly(
                Map.entry("version", "1.4.0"),
                Map.entry("tag", "v1.4.0"),
                Map.entry("commit", "9fceb02"),
                Map.entry("previousVersion", "1.3.2"),
                Map.entry("commits", List.of(Map.of("id", "9fceb02", "subject", "feat: search"))),
                Map.entry("commitCount", 1L));
    }

    @Test
    void shouldCarryWhatALongReleaseLeftOutWithItsAuthorsMasked() {
        Map<String, Object> result = result();
        result.put("commitCount", 10_003L);
        result.put("omittedAuthors", List.of(Map.of("author", "Dave s3cr3t", "authorEmail", "dave@example.com"),
                Map.of("author", " "), Map.of("authorEmail", "erin@example.com"), "nobody"));
        List<Object> times = new java.util.ArrayList<>(List.of(1_700_000_000L, "yesterday"));
        times.add(null);
        result.put("omittedCommitTimes", times);

        Map<String, Object> data = new VersionTagged(result).setMask(text -> text.replace("s3cr3t", "****")).data();

        assertThat(data).containsEntry("commitCount", 10_003L)
                .containsEntry("omittedAuthors", List.of(Map.of("author", "Dave ****", "authorEmail", "dave@example.com"),
                        Map.of("authorEmail", "erin@example.com")));
        List<Long> seconds = new java.util.ArrayList<>(List.of(1_700_000_000L));
        seconds.add(null);
        seconds.add(null);
        assertThat(data.get("omittedCommitTimes")).isEqualTo(seconds);
        assertThat(new java.util.ArrayList<>(data.keySet()).subList(4, 8)).containsExactly("commits", "commitCount",
                "omittedAuthors", "omittedCommitTimes");
    }

    @Test
    void shouldKeepAMissingPreviousVersionAsNull() {
        Map<String, Object> result = result();
        result.remove("previousVersion");

        assertThat(new VersionTagged(result).data()).containsEntry("previousVersion", null);
    }

    @Test
    void shouldMaskEveryRecordedText() {
        Map<String, Object> result = result();
        result.put("commits", List.of(Map.of("id", "1", "subject", "chore: rotate s3cr3t")));

        Map<String, Object> data = new VersionTagged(result).setMask(text -> text.replace("s3cr3t", "****"))
                .setRepositoryUrl("https://s3cr3t@git.example/shop").data();

        assertThat(data.get("commits")).isEqualTo(List.of(Map.of("id", "1", "subject", "chore: rotate ****")));
        assertThat(data.get("repositoryUrl")).isEqualTo("https://****@git.example/shop");
    }

    @Test
    void shouldRefuseAResultWithoutVersion() {
        assertThatThrownBy(() -> new VersionTagged(Map.of("tag", "v1")).data())
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("no version");
    }

    @Test
    void shouldRecordAReRunOnlyWhenTheLedgerLacksTheVersion() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Map<String, Object> rerun = result();
            rerun.remove("tagCreated");
            rerun.put("alreadyTagged", true);

            assertThat(new VersionTagged(rerun).record(ledger, ALICE, ORIGIN)).isTrue();
            assertThat(new VersionTagged(rerun).record(ledger, ALICE, ORIGIN)).isFalse();
            assertThat(VersionTagged.isRecorded(ledger.view(), "1.4.0")).isTrue();
            assertThat(VersionTagged.isRecorded(ledger.view(), "1.5.0")).isFalse();
        }
    }

    @Test
    void shouldFindTheVersionBeyondTheFirstPageOfItsHistory() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            new VersionTagged(result()).record(ledger, ALICE, ORIGIN);
            for (int i = 0; i < LedgerView.MAX_PAGE_SIZE + 5; i++) {
                ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, ORIGIN).setEnvironment("staging")
                        .setData(Map.of("deploymentId", "d-" + i, "version", "1.4.0")));
            }

            assertThat(VersionTagged.isRecorded(ledger.view(), "1.4.0")).isTrue();
        }
    }

    private static Map<String, Object> result() {
        Map<String, Object> result = new HashMap<>();
        result.put("version", "1.4.0");
        result.put("tag", "v1.4.0");
        result.put("previousVersion", "1.3.2");
        result.put("commit", "9fceb02");
        result.put("tagCreated", true);
        result.put("commits", List.of(Map.of("id", "9fceb02", "subject", "feat: search")));
        return result;
    }
}
