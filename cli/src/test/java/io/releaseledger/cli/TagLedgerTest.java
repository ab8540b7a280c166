package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.report.PhaseTimings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag} records a {@code version.tagged} event in the ledger, once per version; dry runs record nothing. */
class TagLedgerTest {
    @TempDir
    Path directory;

    private GitFixture repository;
    private String workTree;
    private Path ledgerRoot;

    @BeforeEach
    void createRepository() {
        repository = GitFixture.create(directory.resolve("shop"));
        workTree = repository.getWorkTree().toString();
        ledgerRoot = directory.resolve("ledgers");
        repository.commit("feat: first");
        repository.tag("v1.0.0");
        repository.commit("feat: second ABC-42");
        repository.commit("fix: third #7");
        repository.addBareOrigin(directory.resolve("origin.git"));
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    private Cli.Result tag(final String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("tag", "-C", workTree, "--ledger", ledgerRoot.toString()));
        args.addAll(List.of(extra));
        return Cli.plain().run(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> taggedEvents(final String application, final String version) {
        try (Ledger ledger = Ledger.open(ledgerRoot, application)) {
            Map<String, Object> history = ledger.view().releaseHistory(version, 0, 200);
            return ((List<Map<String, Object>>) history.get("entries")).stream()
                    .filter(entry -> "version.tagged".equals(entry.get("type"))).toList();
        }
    }

    private long events(final String application) {
        try (Ledger ledger = Ledger.open(ledgerRoot, application)) {
            return ((Number) ledger.view().state().get("events")).longValue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsTheTagUnderTheRepositoryName() throws java.io.IOException {
        Cli.Result result = tag("--repository-url", "https://git.example/shop");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.err).contains("Recorded v1.1.0 in the ledger of shop");
        assertThat(Ledger.applications(ledgerRoot)).containsExactly("shop");
        assertThat(taggedEvents("shop", "1.1.0")).hasSize(1);
        Map<String, Object> event = Json.parseObject(Files.readAllLines(ledgerRoot.resolve("shop").resolve("events.jsonl"),
                StandardCharsets.UTF_8).get(0));
        assertThat(event).containsEntry("type", "version.tagged");
        assertThat((Map<String, Object>) event.get("origin")).containsEntry("kind", "cli");
        assertThat((Map<String, Object>) event.get("actor")).containsEntry("id", System.getProperty("user.name"));
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        assertThat(data).containsEntry("version", "1.1.0").containsEntry("tag", "v1.1.0")
                .containsEntry("previousVersion", "1.0.0").containsEntry("repositoryUrl", "https://git.example/shop")
                .containsEntry("commitCount", 2L).doesNotContainKeys("omittedAuthors", "omittedCommitTimes");
        assertThat((List<Map<String, Object>>) data.get("commits")).extracting(c -> c.get("subject"))
                .containsExactly("fix: third #7", "feat: second ABC-42");
        assertThat((List<Map<String, Object>>) data.get("commits")).extracting(c -> c.get("time"))
                .as("committer times from git, for lead time").allSatisfy(time -> assertThat(
                        Instant.parse((String) time)).isAfter(Instant.now().minusSeconds(3600)));
        assertThat((List<Map<String, Object>>) data.get("commits")).as("the authors may not approve the release")
                .allSatisfy(commit -> assertThat(commit).containsEntry("author", "Test Author")
                        .containsEntry("authorEmail", "author@example.com"));
        assertThat(Cli.plain().run("history", "--ledger", ledgerRoot.toString()).out).contains("version.tagged", "1.1.0");
    }

    @Test
    void recordsNothingNewWhenHeadWasAlreadyTagged() {
        assertThat(tag().exitCode).isZero();
        long before = events("shop");

        Cli.Result again = tag();

        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(events("shop")).isEqualTo(before);
        assertThat(taggedEvents("shop", "1.1.0")).hasSize(1);
    }

    @Test
    void recordsAnAlreadyTaggedVersionTheLedgerLacks() {
        assertThat(tag("--no-ledger").exitCode).isZero();
        assertThat(Files.exists(ledgerRoot)).isFalse();

        Cli.Result again = tag("--application", "web shop");

        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(taggedEvents("web shop", "1.1.0")).hasSize(1);
    }

    @Test
    void dryRunRecordsNothing() {
        Cli.Result result = tag("--dry-run");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(Ledger.applications(ledgerRoot)).isEmpty();
    }

    @Test
    void shouldRecordTheNextReleaseIntoTheLedgerItOpenedWhileReadingTheHistory() {
        assertThat(tag().exitCode).isZero();
        repository.commit("feat: fourth");
        PhaseTimings.reset();
        PhaseTimings.enable();
        Cli.Result second;
        List<String> spans;
        try {
            second = tag();
            spans = PhaseTimings.spans();
        } finally {
            PhaseTimings.reset();
        }

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(spans).anyMatch(span -> span.startsWith("ledger: open (beside git)"));
        assertThat(taggedEvents("shop", "1.2.0")).hasSize(1);
        assertThat(events("shop")).isEqualTo(2);
        assertThat(Cli.plain().run("verify", "--ledger", ledgerRoot.toString()).exitCode).isZero();
    }

    private List<String> timed(final java.util.function.Supplier<Cli.Result> run, final Cli.Result[] result) {
        PhaseTimings.reset();
        PhaseTimings.enable();
        try {
            result[0] = run.get();
            return PhaseTimings.spans();
        } finally {
            PhaseTimings.reset();
        }
    }

    // The event is sealed while JGit pushes and written after the push: the same event, the same result object.
    @Test
    @SuppressWarnings("unchecked")
    void shouldSealTheEventBesideThePushAndRecordItAfterThePush() {
        assertThat(tag().exitCode).isZero();
        repository.commit("feat: fourth");
        Cli.Result[] second = new Cli.Result[1];

        List<String> spans = timed(() -> tag("--json", "--repository-url", "https://git.example/shop"), second);

        assertThat(second[0].exitCode).as(second[0].toString()).isZero();
        assertThat(spans).anyMatch(span -> span.startsWith("ledger: seal version.tagged (beside the push)"));
        assertThat(spans).anyMatch(span -> span.startsWith("result object (beside the push)"));
        Map<String, Object> json = Json.parseObject(second[0].out);
        assertThat(json).containsEntry("version", "1.2.0").containsEntry("tagCreated", true)
                .containsEntry("pushed", true).containsEntry("alreadyTagged", false).containsEntry("dryRun", false);
        assertThat(new java.util.ArrayList<>(json.keySet())).containsExactly("version", "tag", "previousVersion",
                "previousTag", "commit", "branch", "releaseBranch", "bump", "reason", "commits", "commitCount",
                "alreadyTagged", "tagCreated", "pushed", "dryRun");
        List<Map<String, Object>> events = taggedEvents("shop", "1.2.0");
        assertThat(events).hasSize(1);
        assertThat(events(("shop"))).isEqualTo(2);
        assertThat(GitFixture.tagsOf(directory.resolve("origin.git"))).contains("v1.2.0");
        assertThat(Cli.plain().run("verify", "--ledger", ledgerRoot.toString()).exitCode).isZero();
    }

    // A push that fails after the event was sealed writes nothing: the sealed bytes are dropped, the journal stays
    // byte for byte, and the next tag records the release.
    @Test
    void shouldWriteNothingWhenThePushFailsAfterTheEventWasSealed() throws Exception {
        assertThat(tag().exitCode).isZero();
        repository.commit("feat: fourth");
        Path journal = ledgerRoot.resolve("shop").resolve("events.jsonl");
        byte[] before = Files.readAllBytes(journal);
        // Another writer's lock on the remote's tag: the push of v1.2.0 fails after the tag was created locally.
        Path lock = directory.resolve("origin.git").resolve("refs").resolve("tags").resolve("v1.2.0.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "");
        Cli.Result[] failed = new Cli.Result[1];

        List<String> spans = timed(() -> tag(), failed);

        assertThat(failed[0].exitCode).as(failed[0].toString()).isEqualTo(1);
        assertThat(spans).as("the event was sealed before the push failed")
                .anyMatch(span -> span.startsWith("ledger: seal version.tagged (beside the push)"));
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(repository.tags()).doesNotContain("v1.2.0");
        assertThat(Cli.plain().run("verify", "--ledger", ledgerRoot.toString()).exitCode).isZero();

        Files.delete(lock);
        assertThat(tag().exitCode).isZero();
        assertThat(taggedEvents("shop", "1.2.0")).hasSize(1);
        assertThat(events("shop")).isEqualTo(2);
    }

    @Test
    void shouldLeaveAnExistingLedgerUnchangedAndUnlockedWhenTagFailsAfterOpeningIt() throws java.io.IOException {
        assertThat(tag().exitCode).isZero();
        repository.commit("feat: fourth");
        Path journal = ledgerRoot.resolve("shop").resolve("events.jsonl");
        byte[] before = Files.readAllBytes(journal);
        Files.writeString(repository.getWorkTree().resolve("file.txt"), "changed, not committed\n");

        Cli.Result failed = tag();

        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err).contains("uncommitted changes");
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(tag("--allow-dirty").exitCode).isZero();
        assertThat(taggedEvents("shop", "1.2.0")).hasSize(1);
    }

    @Test
    void shouldCreateNoLedgerWhenTagFails() throws java.io.IOException {
        Files.writeString(repository.getWorkTree().resolve("file.txt"), "changed, not committed\n");

        Cli.Result failed = tag();

        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(Files.exists(ledgerRoot)).isFalse();
    }
}
