package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.ApprovalRequest;
import io.releaseledger.deploy.ApproveCommand;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.json.InstantText;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.MetricsQuery;
import io.releaseledger.ledger.Origin;
import io.releaseledger.ledger.VersionTagged;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.report.Messages;
import io.releaseledger.semver.CountedCommit;
import io.releaseledger.semver.SemverTagResult;
import io.releaseledger.semver.SemverTagResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release of more commits than the result lists ({@link SemverTagOperation#MAX_LISTED_COMMITS}): the newest are
 * listed as before, every commit is counted, and the authors and committer times of the rest still reach governance
 * and the lead time, through the {@code version.tagged} event, the read model and its checkpoint.
 */
class LongReleaseTest {
    private static final int MAX = SemverTagOperation.MAX_LISTED_COMMITS;
    private static final Instant NEWEST = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant DEPLOYED = Instant.parse("2026-11-20T09:00:00Z");
    /** What the Jenkins controller reads of a response (the plugin's {@code BoundedText.RESPONSE_LIMIT}). */
    private static final int CONTROLLER_LIMIT = 16 * 1024 * 1024;
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final EnvironmentPolicy PRODUCTION = new EnvironmentPolicy("production")
            .setApprovals(new ApprovalRule(1, List.of()));
    /** Dave wrote only the oldest commit; Bob and Carol take turns on the others. */
    private static final IntFunction<String> DAVE_OLDEST = i -> i == MAX ? "Dave Oldest" : i % 2 == 0 ? "Bob" : "Carol";

    @TempDir
    Path ledgers;

    private static Map<String, Object> result(final List<CountedCommit> commits) {
        return SemverTagOperation.toResult(SemverTagResults.tagged(commits));
    }

    @Test
    void shouldListAllTenThousandCommitsAsBeforeAndOnlyAddTheirCount() {
        List<CountedCommit> commits = SemverTagResults.commits(MAX, NEWEST, DAVE_OLDEST);
        SemverTagResult tagged = SemverTagResults.tagged(commits);

        Map<String, Object> result = SemverTagOperation.toResult(tagged);

        assertThat(result).containsEntry("commitCount", MAX).doesNotContainKeys("omittedAuthors",
                "omittedCommitTimes");
        Map<String, Object> withoutCount = new LinkedHashMap<>(result);
        withoutCount.remove("commitCount");
        assertThat(Json.write(withoutCount)).isEqualTo(Json.write(unbounded(tagged)));
    }

    @Test
    void shouldListTheNewestTenThousandCountAllAndKeepTheAuthorAndTimeOfTheOneLeftOut() {
        List<CountedCommit> commits = SemverTagResults.commits(MAX + 1, NEWEST, DAVE_OLDEST);

        Map<String, Object> result = result(commits);

        List<?> listed = (List<?>) result.get("commits");
        assertThat(listed).hasSize(MAX);
        assertThat(listed.get(0)).isEqualTo(entry(commits.get(0)));
        assertThat(listed.get(MAX - 1)).isEqualTo(entry(commits.get(MAX - 1)));
        assertThat(result).containsEntry("commitCount", MAX + 1)
                .containsEntry("omittedAuthors", List.of(Map.of("author", "Dave Oldest",
                        "authorEmail", "dave.oldest@example.com")))
                .containsEntry("omittedCommitTimes", List.of(commits.get(MAX).getTime().getEpochSecond()));
        assertThat(new ArrayList<>(result.keySet()).subList(9, 13)).containsExactly("commits", "commitCount",
                "omittedAuthors", "omittedCommitTimes");
    }

    @Test
    void shouldNameEachOmittedAuthorOnceAndNoneAlreadyListed() {
        List<CountedCommit> commits = new ArrayList<>(SemverTagResults.commits(MAX, NEWEST, i -> "Bob"));
        Instant old = NEWEST.minusSeconds(1_000_000);
        commits.add(commit("1", old).withAuthor("Bob", "bob@example.com"));          // listed already
        commits.add(commit("2", old).withAuthor("Erin", null));                      // name only
        commits.add(commit("3", null).withAuthor(null, "frank@example.com"));        // address only, no time
        commits.add(commit("4", old).withAuthor("Erin", null));                      // again
        commits.add(commit("5", old).withAuthor("Bob", "bob@elsewhere.example"));    // another pair
        commits.add(commit("6", old).withAuthor(null, null));                        // nobody known

        Map<String, Object> result = result(commits);

        assertThat(result.get("omittedAuthors")).isEqualTo(List.of(Map.of("author", "Erin"),
                Map.of("authorEmail", "frank@example.com"),
                Map.of("author", "Bob", "authorEmail", "bob@elsewhere.example")));
        List<Long> times = new ArrayList<>(List.of(old.getEpochSecond(), old.getEpochSecond()));
        times.add(null);
        times.addAll(List.of(old.getEpochSecond(), old.getEpochSecond(), old.getEpochSecond()));
        assertThat(result.get("omittedCommitTimes")).isEqualTo(times);
        assertThat(result).containsEntry("commitCount", MAX + 6);
    }

    @Test
    void shouldKeepTheResponseOfAHundredThousandCommitsWellUnderTheControllersLimit() {
        List<CountedCommit> commits = SemverTagResults.commits(100_000, NEWEST, i -> "Author " + i % 500);
        List<CountedCommit> everyAuthorNew = SemverTagResults.commits(100_000, NEWEST, i -> "Author " + i);

        int bytes = responseBytes(result(commits));
        int worst = responseBytes(result(everyAuthorNew));

        System.out.printf("semverTag response of 100,000 commits: %,d bytes (500 authors), %,d bytes (every commit"
                + " by another author), %,d bytes listing every commit as before%n", bytes, worst,
                responseBytes(unbounded(SemverTagResults.tagged(commits))));
        assertThat(bytes).isLessThan(4 << 20);
        // the authors of the commits left out are not bounded: governance needs every one (docs/governance.md)
        assertThat(worst).isLessThan(CONTROLLER_LIMIT);
    }

    private static int responseBytes(final Map<String, Object> result) {
        return AgentResponse.success(result, List.of()).toJson().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void shouldKeepTheAuthorOfAnOmittedCommitFromApprovingTheRelease() {
        Map<String, Object> result = result(SemverTagResults.commits(MAX + 1, NEWEST, DAVE_OLDEST));
        try (Ledger ledger = Ledger.open(ledgers, "shop")) {
            new VersionTagged(result).record(ledger, new Actor("ci", null), Origin.cli("ci", "test"));
            new ApprovalRequest(ledger, PRODUCTION, "1.0.0").setDigest(DIGEST).setActor(new Actor("alice", "Alice"))
                    .setOrigin(Origin.cli("alice", "test")).call();

            for (String[] dave : new String[][] {{"dave.oldest", null}, {"d", "Dave Oldest"}}) {
                assertThatThrownBy(() -> approveAs(ledger, dave[0], dave[1]).call())
                        .isInstanceOf(DeploymentException.class)
                        .hasMessageContaining("they authored commits of this release");
            }
            assertThat(approveAs(ledger, "erin", "Erin").call()).startsWith("Approved 1.0.0");
        }
    }

    private static ApproveCommand approveAs(final Ledger ledger, final String id, final String name) {
        return new ApproveCommand(ledger, PRODUCTION, "1.0.0", true).setDigest(DIGEST).setActor(new Actor(id, name))
                .setOrigin(Origin.cli(id, "test")).setComment("ok");
    }

    @Test
    void shouldTakeTheLeadTimeOverEveryCommitAlsoFromTheCheckpoint() {
        int count = MAX + 50;
        List<CountedCommit> commits = SemverTagResults.commits(count, NEWEST, DAVE_OLDEST);
        List<Long> all = new ArrayList<>();
        commits.forEach(commit -> all.add(DEPLOYED.toEpochMilli() - commit.getTime().toEpochMilli()));
        long expected = medianSeconds(all);
        assertThat(medianSeconds(all.subList(0, MAX))).as("the listed commits alone give another median")
                .isNotEqualTo(expected);
        MetricsQuery query = new MetricsQuery().setUntil(DEPLOYED.plusSeconds(3600)).setWeeks(2)
                .setEnvironment("production");
        Map<String, Object> fromJournal;
        try (Ledger ledger = Ledger.open(ledgers, "shop")) {
            ledger.append(new VersionTagged(result(commits)).draft(new Actor("ci", null), Origin.cli("ci", "test"))
                    .setTime(NEWEST.plusSeconds(60)));
            for (String type : List.of(EventTypes.DEPLOYMENT_STARTED, EventTypes.DEPLOYMENT_SUCCEEDED)) {
                ledger.append(new EventDraft(type, new Actor("ci", null), Origin.cli("ci", "test"))
                        .setEnvironment("production").setTime(DEPLOYED)
                        .setData(Map.of("deploymentId", "d1", "version", "1.0.0")));
            }
            fromJournal = leadTime(ledger, query);
        }
        assertThat(fromJournal).containsEntry("changes", count).containsEntry("changesWithoutTime", 0)
                .containsEntry("medianSeconds", expected);

        Messages notes = new Messages();
        try (Ledger reopened = Ledger.open(ledgers, "shop", notes)) {
            assertThat(leadTime(reopened, query)).isEqualTo(fromJournal);
        }
        assertThat(ledgers.resolve("shop").resolve("checkpoint.bin")).exists();
        assertThat(notes.getAll()).as("the checkpoint was read, not rebuilt").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leadTime(final Ledger ledger, final MetricsQuery query) {
        List<Map<String, Object>> environments = (List<Map<String, Object>>) ledger.view().metrics(query)
                .get("environments");
        return (Map<String, Object>) environments.get(0).get("leadTime");
    }

    /** As docs/metrics.md says: the middle value, or the mean of the two middle ones, in whole seconds. */
    private static long medianSeconds(final List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        int n = sorted.size();
        return (n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2) / 1000;
    }

    private static CountedCommit commit(final String id, final Instant time) {
        return new CountedCommit(id, "chore: old " + id, "chore", io.releaseledger.commits.Bump.PATCH, time);
    }

    /** A commit entry as the result listed every commit before the bound: written here, not by the code under test. */
    private static Map<String, Object> entry(final CountedCommit commit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", commit.getId());
        entry.put("subject", commit.getSubject());
        entry.put("type", commit.getType());
        entry.put("bump", commit.getBump().name());
        entry.put("time", InstantText.format(commit.getTime()));
        entry.put("author", commit.getAuthor());
        entry.put("authorEmail", commit.getAuthorEmail());
        return entry;
    }

    /** The result object as it was before the bound: every commit listed, nothing counted. */
    private static Map<String, Object> unbounded(final SemverTagResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", result.getVersion());
        map.put("tag", result.getTag());
        map.put("previousVersion", result.getPreviousVersion());
        map.put("previousTag", result.getPreviousTag());
        map.put("commit", result.getCommit());
        map.put("branch", result.getBranch());
        map.put("releaseBranch", result.isReleaseBranch());
        map.put("bump", result.getBump().name());
        map.put("reason", result.getReason());
        List<Object> commits = new ArrayList<>();
        result.getCommits().forEach(commit -> commits.add(entry(commit)));
        map.put("commits", commits);
        map.put("alreadyTagged", result.isAlreadyTagged());
        map.put("tagCreated", result.isTagCreated());
        map.put("pushed", result.isPushed());
        map.put("dryRun", result.isDryRun());
        return map;
    }
}
