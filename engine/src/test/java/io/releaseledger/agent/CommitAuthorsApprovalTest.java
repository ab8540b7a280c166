package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.ApprovalRequest;
import io.releaseledger.deploy.ApproveCommand;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.git.JGitRepository;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.ledger.VersionTagged;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.report.Messages;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a real repository to a refused approval: {@code semverTag} records each commit's author in
 * {@code version.tagged}, and the people who wrote the release's commits cannot approve it; an older event without
 * authors keeps working.
 */
class CommitAuthorsApprovalTest {
    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final PersonIdent CAROL = new PersonIdent("Carol Example", "carol@example.com");
    private static final EnvironmentPolicy PRODUCTION = new EnvironmentPolicy("production")
            .setApprovals(new ApprovalRule(1, List.of()));

    @TempDir
    Path repository;

    @TempDir
    Path ledgers;

    private Map<String, Object> tagAsSemverTagDoes() throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.commit().setMessage("feat: search").setAllowEmpty(true).setAuthor(CAROL)
                    .setCommitter(new PersonIdent("CI", "ci@example.com")).call();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("fetch", false);
        options.put("push", false);
        return new SemverTagOperation(JGitRepository::open)
                .run(new AgentRequest("semverTag", repository.toString(), options), new Messages());
    }

    private static ApproveCommand approveAs(final Ledger ledger, final String id, final String name) {
        return new ApproveCommand(ledger, PRODUCTION, "0.1.0", true).setDigest(DIGEST).setActor(new Actor(id, name))
                .setOrigin(Origin.cli(id, "test")).setComment("ok");
    }

    private static void waitForApproval(final Ledger ledger) {
        new ApprovalRequest(ledger, PRODUCTION, "0.1.0").setDigest(DIGEST).setActor(new Actor("alice", "Alice"))
                .setOrigin(Origin.cli("alice", "test")).call();
    }

    @Test
    void shouldKeepTheAuthorsOfTheReleasesCommitsFromApprovingIt() throws Exception {
        Map<String, Object> result = tagAsSemverTagDoes();
        try (Ledger ledger = Ledger.open(ledgers, "shop")) {
            new VersionTagged(result).record(ledger, new Actor("ci", null), Origin.cli("ci", "test"));
            assertThat(ledger.events(null).get(0).getData().get("commits")).isEqualTo(List.of(Map.of("id",
                    result.get("commit"), "subject", "feat: search", "time", ((List<?>) result.get("commits")).stream()
                            .map(commit -> ((Map<?, ?>) commit).get("time")).findFirst().orElseThrow(),
                    "author", "Carol Example", "authorEmail", "carol@example.com")));
            waitForApproval(ledger);
            int before = ledger.events(null).size();

            for (String[] carol : new String[][] {{"carol", null}, {"carol@example.com", null}, {"c.e", "Carol Example"}}) {
                assertThatThrownBy(() -> approveAs(ledger, carol[0], carol[1]).call())
                        .isInstanceOf(DeploymentException.class)
                        .hasMessage(carol[0] + " may not approve 0.1.0 for production: they authored commits of this "
                                + "release. Someone else must judge it.");
            }
            assertThat(ledger.events(null)).as("a refusal records nothing").hasSize(before);

            approveAs(ledger, "bob", "Bob").call();
            assertThat(ledger.events("production")).extracting(event -> event.getType())
                    .containsExactly(EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_GRANTED);
        }
    }

    @Test
    void shouldLetAnyoneApproveWhenAnOlderEventRecordedNoAuthors() {
        try (Ledger ledger = Ledger.open(ledgers, "shop")) {
            ledger.append(new EventDraft(EventTypes.VERSION_TAGGED, new Actor("ci", null), Origin.cli("ci", "test"))
                    .setData(Map.of("version", "0.1.0", "tag", "v0.1.0", "commit", "abc",
                            "commits", List.of(Map.of("id", "abc", "subject", "feat: search")))));
            waitForApproval(ledger);

            assertThat(approveAs(ledger, "carol", "Carol Example").call()).startsWith("Approved 0.1.0");
        }
    }
}
