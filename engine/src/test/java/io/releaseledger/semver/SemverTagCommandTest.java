package io.releaseledger.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.commits.Bump;
import io.releaseledger.git.JGitRepository;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.version.InvalidTagPrefixException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.TagOpt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semverTag use case on real repositories with a bare remote over file://. */
class SemverTagCommandTest {
    @TempDir
    private Path temp;
    private TestRepo remote;
    private TestRepo work;
    private final Messages messages = new Messages();

    @BeforeEach
    void createRepositories() {
        remote = TestRepo.initBare(temp.resolve("remote.git"));
        work = TestRepo.init(temp.resolve("work"));
        work.addRemote("origin", remoteUrl());
    }

    @AfterEach
    void closeRepositories() {
        remote.close();
        work.close();
    }

    private String remoteUrl() {
        return temp.resolve("remote.git").toUri().toString();
    }

    private SemverTagResult semverTag(final Consumer<SemverTagCommand> options) {
        try (JGitRepository repository = JGitRepository.open(work.dir())) {
            SemverTagCommand command = new SemverTagCommand(repository).setMessages(messages);
            options.accept(command);
            return command.call();
        }
    }

    private SemverTagResult semverTag() {
        return semverTag(command -> { });
    }

    @Test
    void shouldCreateAndPushTheInitialVersion() {
        work.commit("chore: start");
        work.commit("feat: first feature");

        SemverTagResult result = semverTag();

        assertThat(result.getVersion()).isEqualTo("0.1.0");
        assertThat(result.getTag()).isEqualTo("v0.1.0");
        assertThat(result.getPreviousVersion()).isNull();
        assertThat(result.getCommits()).hasSize(2);
        assertThat(result.isTagCreated()).isTrue();
        assertThat(result.isPushed()).isTrue();
        assertThat(result.getBranch()).isEqualTo("main");
        assertThat(result.isReleaseBranch()).isTrue();
        assertThat(work.tagCommit("v0.1.0")).isEqualTo(work.head());
        assertThat(remote.tagCommit("v0.1.0")).isEqualTo(work.head());
        assertThat(messages.getAll()).extracting(Message::getText).anyMatch(text -> text.contains("Pushed tag v0.1.0"));
    }

    @Test
    void shouldBumpFromTheLastTagAndDescribeTheCommitsInAnAnnotatedTag() throws Exception {
        work.commit("feat: one");
        work.tag("v1.2.3");
        String fix = work.commit("fix: a bug");
        String feat = work.commit("feat(api): a feature\n\nwith a body");
        work.pushAll("origin");

        SemverTagResult result = semverTag();

        assertThat(result.getVersion()).isEqualTo("1.3.0");
        assertThat(result.getPreviousVersion()).isEqualTo("1.2.3");
        assertThat(result.getPreviousTag()).isEqualTo("v1.2.3");
        assertThat(result.getBump()).isEqualTo(Bump.MINOR);
        assertThat(result.getReason()).contains("minor bump from 1.2.3").contains("feat(api): a feature");
        assertThat(result.getCommits()).extracting(CountedCommit::getId).containsExactly(feat, fix);
        assertThat(result.getCommits()).extracting(CountedCommit::getType).containsExactly("feat", "fix");
        assertThat(result.getCommit()).isEqualTo(work.head());
        try (RevWalk walk = new RevWalk(work.git().getRepository())) {
            RevTag tag = walk.parseTag(work.git().getRepository().resolve(Constants.R_TAGS + "v1.3.0"));
            assertThat(tag.getFullMessage()).startsWith("Release 1.3.0\n")
                    .contains(feat.substring(0, 7) + " feat(api): a feature")
                    .contains(fix.substring(0, 7) + " fix: a bug");
        }
    }

    @Test
    void shouldBeIdempotentWhenHeadIsAlreadyTagged() {
        work.commit("feat: one");
        SemverTagResult first = semverTag();
        List<String> tagsAfterFirst = work.tags();

        SemverTagResult second = semverTag();

        assertThat(first.getVersion()).isEqualTo("0.1.0");
        assertThat(second.getVersion()).isEqualTo("0.1.0");
        assertThat(second.isAlreadyTagged()).isTrue();
        assertThat(second.isTagCreated()).isFalse();
        assertThat(second.isPushed()).isFalse();
        assertThat(work.tags()).isEqualTo(tagsAfterFirst);
    }

    @Test
    void shouldPickTheHighestReachableTagIgnoringInvalidOtherPrefixAndUnreachableOnes() {
        String old = work.commit("feat: old");
        work.annotatedTag("v2.0.0", old);
        work.commit("fix: newer");
        work.tag("v1.5.0");
        work.tag("v3.0.0-");
        work.tag("v03.0.0");
        work.tag("x9.0.0");
        work.tag("api/v8.0.0");
        work.branch("elsewhere");
        work.commit("feat: not on main");
        work.tag("v7.0.0");
        work.checkout("main");
        work.commit("fix: on main");

        SemverTagResult result = semverTag(command -> command.setPush(false));

        assertThat(result.getPreviousTag()).isEqualTo("v2.0.0");
        assertThat(result.getVersion()).isEqualTo("2.0.1");
        assertThat(result.getCommits()).hasSize(2);
    }

    @Test
    void shouldCountMergeCommitsAndTheCommitsTheyBring() {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.branch("topic");
        work.commit("fix: on topic");
        work.checkout("main");
        work.commit("docs: on main");
        work.merge("topic", "Merge branch 'topic'");

        SemverTagResult result = semverTag(command -> command.setPush(false).setOtherCommitsBump(Bump.NONE));

        assertThat(result.getCommits()).extracting(CountedCommit::getSubject)
                .containsExactlyInAnyOrder("Merge branch 'topic'", "fix: on topic", "docs: on main");
        assertThat(result.getVersion()).isEqualTo("1.0.1");
    }

    @Test
    void shouldKeepTheVersionAndCreateNothingWhenNothingIsReleasable() {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.commit("docs: only docs");
        work.commit("chore: and chores");

        SemverTagResult result = semverTag(command -> command.setOtherCommitsBump(Bump.NONE));

        assertThat(result.getVersion()).isEqualTo("1.0.0");
        assertThat(result.getTag()).isEqualTo("v1.0.0");
        assertThat(result.isTagCreated()).isFalse();
        assertThat(result.isNewVersion()).isFalse();
        assertThat(result.getReason()).contains("stays 1.0.0");
        assertThat(work.tags()).containsExactly("v1.0.0");
    }

    @Test
    void shouldTurnAPreReleaseOnMainIntoItsFinalVersion() {
        work.commit("feat: base");
        work.tag("v1.2.0");
        work.commit("feat: next");
        work.annotatedTag("v1.3.0-rc.2", work.head());

        SemverTagResult result = semverTag(command -> command.setPush(false));

        assertThat(result.getVersion()).isEqualTo("1.3.0");
        assertThat(result.getPreviousTag()).isEqualTo("v1.3.0-rc.2");
        assertThat(result.isAlreadyTagged()).isFalse();
        assertThat(work.tagCommit("v1.3.0")).isEqualTo(work.head());
    }

    @Test
    void shouldNumberPreReleasesOnOtherBranchesCountingRemoteTags() {
        work.commit("feat: base");
        work.tag("v1.2.0");
        work.pushAll("origin");
        work.branch("feature/Login_page");
        work.commit("feat: login");
        // Another clone already released two pre-releases of this branch; only the remote knows them.
        try (TestRepo other = TestRepo.init(temp.resolve("other"))) {
            other.addRemote("origin", remoteUrl());
            fetchAll(other);
            other.commit("feat: elsewhere");
            other.tag("v1.3.0-feature-Login-page.1").tag("v1.3.0-feature-Login-page.2");
            other.git().push().setRemote("origin").setPushTags().call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        SemverTagResult result = semverTag();

        assertThat(result.getVersion()).isEqualTo("1.3.0-feature-Login-page.3");
        assertThat(result.isReleaseBranch()).isFalse();
        assertThat(remote.tagCommit("v1.3.0-feature-Login-page.3")).isEqualTo(work.head());
    }

    private void fetchAll(final TestRepo repo) throws Exception {
        repo.git().fetch().setRemote("origin").setRefSpecs("+refs/heads/*:refs/remotes/origin/*")
                .setTagOpt(TagOpt.FETCH_TAGS).call();
    }

    @Test
    void shouldUseTheExplicitPreReleaseIdAndReleaseBranchGlobs() {
        work.commit("feat: base");
        work.branch("release/2.x");
        work.commit("fix: on release");

        assertThat(semverTag(command -> command.setPush(false).setReleaseBranches(List.of("release/*")))
                .getVersion()).isEqualTo("0.1.0");
        work.branch("topic");
        work.commit("fix: topic");
        assertThat(semverTag(command -> command.setPush(false).setPreReleaseId("beta")).getVersion())
                .isEqualTo("0.1.1-beta.1");
    }

    @Test
    void shouldTakeTheBranchOfADetachedHeadFromTheEnvironment() {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.commit("fix: x");
        work.detach();

        SemverTagResult onMain = semverTag(command -> command.setDryRun(true)
                .setEnvironment(Map.of("BRANCH_NAME", "main")));
        SemverTagResult onPr = semverTag(command -> command.setDryRun(true)
                .setEnvironment(Map.of("GIT_BRANCH", "origin/PR-7")));

        assertThat(onMain.getBranch()).isEqualTo("main");
        assertThat(onMain.getVersion()).isEqualTo("1.0.1");
        assertThat(onPr.getVersion()).isEqualTo("1.0.1-PR-7.1");
        assertThatThrownBy(() -> semverTag(command -> command.setDryRun(true)))
                .isInstanceOf(ScmException.class).hasMessageContaining("detached");
    }

    @Test
    void shouldVersionAComponentOfAMonorepoByPrefixAndPaths() {
        work.commit("feat: api start", "api/a.txt");
        work.tag("api/v1.0.0");
        work.commit("feat: web start", "web/a.txt");
        work.tag("web/v3.0.0");
        String apiFix = work.commit("fix(api): api bug", "api/b.txt");
        work.commit("feat(web)!: web breaking", "web/b.txt");

        SemverTagResult api = semverTag(command -> command.setPrefix("api/v").setPaths(List.of("api/"))
                .setPush(false));
        SemverTagResult web = semverTag(command -> command.setPrefix("web/v").setPaths(List.of("./web"))
                .setPush(false));

        assertThat(api.getVersion()).isEqualTo("1.0.1");
        assertThat(api.getTag()).isEqualTo("api/v1.0.1");
        assertThat(api.getCommits()).extracting(CountedCommit::getId).containsExactly(apiFix);
        assertThat(web.getTag()).isEqualTo("web/v4.0.0");
        assertThat(work.tags()).contains("api/v1.0.1", "web/v4.0.0");
    }

    @Test
    void shouldNotReleaseAComponentWhoseFilesDidNotChange() {
        work.commit("feat: api start", "api/a.txt");
        work.tag("api/v1.0.0");
        work.commit("feat: web only", "web/a.txt");

        SemverTagResult api = semverTag(command -> command.setPrefix("api/v").setPaths(List.of("api")));

        assertThat(api.getVersion()).isEqualTo("1.0.0");
        assertThat(api.isTagCreated()).isFalse();
        assertThat(api.getCommits()).isEmpty();
    }

    @Test
    void shouldChangeNothingInADryRunButReadTheRemoteTags() throws Exception {
        work.commit("feat: base");
        work.annotatedTag("v1.0.0", work.head());
        work.pushAll("origin");
        work.git().tagDelete().setTags("v1.0.0").call();
        work.commit("fix: x");
        List<String> remoteTags = remote.tags();

        SemverTagResult result = semverTag(command -> command.setDryRun(true));

        assertThat(result.isDryRun()).isTrue();
        assertThat(result.getPreviousTag()).isEqualTo("v1.0.0");
        assertThat(result.getVersion()).isEqualTo("1.0.1");
        assertThat(result.isTagCreated()).isFalse();
        assertThat(result.isPushed()).isFalse();
        assertThat(work.tags()).isEmpty();
        assertThat(remote.tags()).isEqualTo(remoteTags);
    }

    @Test
    void shouldFetchTagsOfACloneWithoutTags() throws Exception {
        work.commit("feat: base");
        work.tag("v1.4.0");
        work.commit("fix: x");
        work.tag("v1.4.1");
        work.pushAll("origin");
        Path clone = temp.resolve("clone");
        Git.cloneRepository().setURI(remoteUrl()).setDirectory(clone.toFile()).setNoTags().call().close();
        try (TestRepo cloned = TestRepo.open(clone)) {
            assertThat(cloned.tags()).isEmpty();
            cloned.commit("feat: y");
        }

        SemverTagResult result;
        try (JGitRepository repository = JGitRepository.open(clone)) {
            result = new SemverTagCommand(repository).call();
        }

        assertThat(result.getPreviousTag()).isEqualTo("v1.4.1");
        assertThat(result.getVersion()).isEqualTo("1.5.0");
        assertThat(remote.tagCommit("v1.5.0")).isNotNull();
    }

    @Test
    void shouldRefuseADirtyCheckoutUnlessAllowed() throws Exception {
        work.commit("feat: base", "tracked.txt");
        work.write("untracked.txt", "does not count");
        assertThat(semverTag(command -> command.setPush(false)).getVersion()).isEqualTo("0.1.0");
        work.commit("fix: more", "tracked.txt");
        work.write("tracked.txt", "modified");

        assertThatThrownBy(this::semverTag).isInstanceOf(ScmException.class)
                .hasMessageContaining("uncommitted changes").hasMessageContaining("allowDirty");
        assertThat(work.tags()).containsExactly("v0.1.0");
        assertThat(remote.tags()).isEmpty();
        assertThat(semverTag(command -> command.setAllowDirty(true).setPush(false)).getVersion()).isEqualTo("0.1.1");
    }

    @Test
    void shouldRefuseATagThatExistsOnAnotherCommit() {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.branch("other");
        work.commit("fix: released elsewhere");
        work.tag("v1.0.1");
        work.checkout("main");
        work.commit("fix: here");

        assertThatThrownBy(() -> semverTag(command -> command.setPush(false)))
                .isInstanceOf(ScmException.class).hasMessageContaining("v1.0.1 already exists on commit")
                .hasMessageContaining("Nothing was changed");
        assertThat(work.tags()).containsExactly("v1.0.0", "v1.0.1");
    }

    @Test
    void shouldRejectAnInvalidPrefix() {
        work.commit("feat: base");

        assertThatThrownBy(() -> semverTag(command -> command.setPrefix("v1"))).isInstanceOf(InvalidTagPrefixException.class);
        assertThatThrownBy(() -> semverTag(command -> command.setPrefix("a..b"))).isInstanceOf(ReleaseLedgerException.class);
        assertThat(work.tags()).isEmpty();
    }

    @Test
    void shouldFailClearlyWithoutCommits() {
        assertThatThrownBy(this::semverTag).isInstanceOf(ScmException.class).hasMessageContaining("no commits");
    }

    @Test
    void shouldFailClearlyOutsideARepository() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        assertThatThrownBy(() -> JGitRepository.open(plain)).isInstanceOf(ScmException.class)
                .hasMessageContaining("is not a git repository");
    }

    @Test
    void shouldRetryWhenAConcurrentBuildTookThePreRelease() throws Exception {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.pushAll("origin");
        work.branch("dev");
        work.commit("fix: mine");
        pushCompetingTag("v1.0.1-dev.1", null);

        SemverTagResult result = semverTag(command -> command.setFetch(false));

        assertThat(result.getVersion()).isEqualTo("1.0.1-dev.2");
        assertThat(result.isPushed()).isTrue();
        assertThat(work.tags()).doesNotContain("v1.0.1-dev.1");
        assertThat(remote.tagCommit("v1.0.1-dev.2")).isEqualTo(work.head());
        assertThat(messages.getAll()).anyMatch(message -> message.getLevel() == Message.Level.WARNING
                && message.getText().contains("concurrent build"));
    }

    // tag seals its ledger event while the push runs: it is told each result before its push, with the tag created
    // and not yet on the remote; after a retry the last result told is the one pushed.
    @Test
    void shouldTellBeforeEachPushWhatThatPushGives() throws Exception {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.pushAll("origin");
        work.branch("dev");
        work.commit("fix: mine");
        pushCompetingTag("v1.0.1-dev.1", null);
        List<SemverTagResult> told = new java.util.ArrayList<>();
        List<String> onRemoteWhenTold = new java.util.ArrayList<>();

        SemverTagResult result = semverTag(command -> command.setFetch(false).setBeforePush(before -> {
            told.add(before);
            assertThat(work.tagCommit(before.getTag())).as("created before the push").isEqualTo(work.head());
            onRemoteWhenTold.add(String.valueOf(remote.tagCommit(before.getTag())));
        }));

        assertThat(told).extracting(SemverTagResult::getTag).containsExactly("v1.0.1-dev.1", "v1.0.1-dev.2");
        assertThat(told).allSatisfy(before -> {
            assertThat(before.isTagCreated()).isTrue();
            assertThat(before.isPushed()).isFalse();
            assertThat(before.getCommit()).isEqualTo(work.head());
        });
        assertThat(onRemoteWhenTold.get(1)).as("not pushed yet").isEqualTo("null");
        SemverTagResult last = told.get(1);
        assertThat(result.getTag()).isEqualTo(last.getTag());
        assertThat(result.getCommits()).isEqualTo(last.getCommits());
        assertThat(result.isPushed()).isTrue();
    }

    @Test
    void shouldTellNothingWhenNothingIsPushed() {
        work.commit("feat: base");
        List<SemverTagResult> told = new java.util.ArrayList<>();

        semverTag(command -> command.setPush(false).setBeforePush(told::add));
        work.commit("feat: more");
        semverTag(command -> command.setDryRun(true).setBeforePush(told::add));

        assertThat(told).isEmpty();
    }

    @Test
    void shouldReportAlreadyTaggedWhenAConcurrentBuildTaggedTheSameCommit() throws Exception {
        work.commit("feat: base");
        work.pushAll("origin");
        pushCompetingTag("v0.1.0", work.head());

        SemverTagResult result = semverTag(command -> command.setFetch(false));

        assertThat(result.isAlreadyTagged()).isTrue();
        assertThat(result.isTagCreated()).isFalse();
        assertThat(work.tags()).isEmpty();
    }

    @Test
    void shouldFailAndRemoveTheLocalTagWhenTheFinalVersionWasReleasedFromAnotherCommit() throws Exception {
        work.commit("feat: base");
        work.tag("v1.0.0");
        work.pushAll("origin");
        work.commit("fix: mine");
        pushCompetingTag("v1.0.1", null);

        assertThatThrownBy(() -> semverTag(command -> command.setFetch(false)))
                .isInstanceOf(ScmException.class).hasMessageContaining("v1.0.1 already exists on remote");
        assertThat(work.tags()).containsExactly("v1.0.0");
    }

    @Test
    void shouldRemoveTheLocalTagWhenThePushFails() {
        work.commit("feat: base");
        work.setRemoteUrl("origin", temp.resolve("missing.git").toUri().toString());

        assertThatThrownBy(() -> semverTag(command -> command.setFetch(false)))
                .isInstanceOf(ScmException.class).hasMessageContaining("Pushing the tag 'v0.1.0'");
        assertThat(work.tags()).isEmpty();
        assertThat(messages.getAll()).extracting(Message::getText).anyMatch(text -> text.contains("Removed"));
    }

    @Test
    void shouldFailWithoutChangesWhenTheRemoteIsUnreachable() throws Exception {
        work.commit("feat: base");
        int port = FreePorts.next();
        work.setRemoteUrl("origin", "http://ci:s3cret-password@127.0.0.1:" + port + "/repo.git");

        assertThatThrownBy(this::semverTag).isInstanceOf(ScmException.class)
                .hasMessageContaining("cannot be reached").hasMessageNotContaining("s3cret-password");
        assertThat(work.tags()).isEmpty();
    }

    @Test
    void shouldTagLocallyWhenThereIsNoRemote() {
        work.setRemoteUrl("origin", null);
        work.commit("feat: base");

        SemverTagResult result = semverTag();

        assertThat(result.isTagCreated()).isTrue();
        assertThat(result.isPushed()).isFalse();
        assertThat(work.tags()).containsExactly("v0.1.0");
    }

    /** Another clone of the remote pushes {@code tag} first, on {@code commit} or on a commit of its own. */
    private void pushCompetingTag(final String tag, final String commit) throws Exception {
        try (TestRepo other = TestRepo.init(temp.resolve("competitor"))) {
            other.addRemote("origin", remoteUrl());
            fetchAll(other);
            String target = commit;
            if (target == null) {
                other.git().checkout().setName("origin/main").call();
                target = other.commit("fix: theirs");
            }
            other.tag(tag, target);
            other.git().push().setRemote("origin").add("refs/tags/" + tag).call();
        }
    }
}
