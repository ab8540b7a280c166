package io.releaseledger.semver;

import io.releaseledger.report.Counted;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.commits.Bump;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;
import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.Head;
import io.releaseledger.scm.PushOutcome;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.ScmRepository;
import io.releaseledger.scm.TagRef;
import io.releaseledger.version.SemanticVersion;
import io.releaseledger.version.TagPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Computes the next semantic version of HEAD from its tags and Conventional Commits, tags HEAD with it and
 * pushes the tag.
 *
 * <pre>{@code
 * try (ScmRepository repo = JGitRepository.open(Path.of("."))) {
 *     SemverTagResult result = new SemverTagCommand(repo).setPrefix("api/v").setPaths(List.of("api/")).call();
 * }
 * }</pre>
 *
 * <p>The version starts from the highest-precedence tag of the prefix that HEAD reaches (annotated or
 * lightweight) and counts every commit since it, merges included; see {@link VersionCalculator} for the
 * arithmetic. HEAD already tagged with a version of the prefix keeps it and nothing is created (a pre-release tag
 * does not count on a release branch, which turns it into its final version). When nothing since the last tag
 * calls for a release (only commits that bump {@link Bump#NONE}, or no commit touching {@code paths}), the result
 * keeps the previous version, says so in its reason, and nothing is created.
 *
 * <p>Single use: {@link #call()} may run once. Failures are {@link ReleaseLedgerException}s whose message says how
 * to fix the cause; any failure after the local tag was created removes it again.
 */
public final class SemverTagCommand {
    private final ScmRepository repository;
    private String prefix = "v";
    private List<String> paths = List.of();
    private String branch;
    private Map<String, String> environment = Map.of();
    private List<String> releaseBranches = List.of("main", "master");
    private String preReleaseId;
    private String initialVersion = "0.1.0";
    private Bump otherCommitsBump = Bump.PATCH;
    private Bump breakingBelowOne = Bump.MINOR;
    private boolean createTag = true;
    private boolean push = true;
    private String remote = "origin";
    private GitCredentials credentials = GitCredentials.none();
    private boolean fetch = true;
    private boolean dryRun;
    private boolean allowDirty;
    private int maxPushAttempts = 3;
    private Messages messages = new Messages();
    private Consumer<SemverTagResult> beforePush = result -> { };
    private boolean called;

    public SemverTagCommand(final ScmRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** The tag prefix, {@code v} by default; {@code api/v} for a component of a monorepo. */
    public SemverTagCommand setPrefix(final String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** Only commits changing files under these paths count; empty (the default) counts all. */
    public SemverTagCommand setPaths(final List<String> paths) {
        this.paths = List.copyOf(paths);
        return this;
    }

    /** The branch the build is on; by default HEAD's branch, else {@code BRANCH_NAME}, else {@code GIT_BRANCH}. */
    public SemverTagCommand setBranch(final String branch) {
        this.branch = branch;
        return this;
    }

    /** Where {@code BRANCH_NAME} and {@code GIT_BRANCH} are read from; empty by default. */
    public SemverTagCommand setEnvironment(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Branch names or globs ({@code release/*}) that get final versions; {@code main} and {@code master}. */
    public SemverTagCommand setReleaseBranches(final List<String> releaseBranches) {
        this.releaseBranches = List.copyOf(releaseBranches);
        return this;
    }

    /** The {@code <id>} of {@code X.Y.Z-<id>.N}; by default the branch name reduced to {@code [0-9A-Za-z-]}. */
    public SemverTagCommand setPreReleaseId(final String preReleaseId) {
        this.preReleaseId = preReleaseId;
        return this;
    }

    /** The version when no tag matches, {@code 0.1.0} by default. */
    public SemverTagCommand setInitialVersion(final String initialVersion) {
        this.initialVersion = Objects.requireNonNull(initialVersion, "initialVersion");
        return this;
    }

    /** The bump of commits that are not feat, fix or breaking: {@code NONE}, {@code PATCH} (default), {@code MINOR}. */
    public SemverTagCommand setOtherCommitsBump(final Bump otherCommitsBump) {
        if (otherCommitsBump == Bump.MAJOR) {
            throw new ReleaseLedgerException("otherCommitsBump must be NONE, PATCH or MINOR, not MAJOR: only breaking"
                    + " changes make a major version");
        }
        this.otherCommitsBump = Objects.requireNonNull(otherCommitsBump, "otherCommitsBump");
        return this;
    }

    /** What a breaking change does while the major version is 0: {@code MINOR} (default) or {@code MAJOR}. */
    public SemverTagCommand setBreakingBelowOne(final Bump breakingBelowOne) {
        if (breakingBelowOne != Bump.MINOR && breakingBelowOne != Bump.MAJOR) {
            throw new ReleaseLedgerException("breakingBelowOne must be MINOR or MAJOR, not " + breakingBelowOne);
        }
        this.breakingBelowOne = breakingBelowOne;
        return this;
    }

    public SemverTagCommand setCreateTag(final boolean createTag) {
        this.createTag = createTag;
        return this;
    }

    /** Push the tag to {@link #setRemote remote} when that remote exists; {@code true} by default. */
    public SemverTagCommand setPush(final boolean push) {
        this.push = push;
        return this;
    }

    public SemverTagCommand setRemote(final String remote) {
        this.remote = Objects.requireNonNull(remote, "remote");
        return this;
    }

    public SemverTagCommand setCredentials(final GitCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    /**
     * Read the remote's tags before computing, and complete a shallow history; {@code true} by default. Without
     * it only local tags count, and a shallow clone is refused.
     */
    public SemverTagCommand setFetch(final boolean fetch) {
        this.fetch = fetch;
        return this;
    }

    /** Compute and report only: no fetch (remote tags are listed instead), no tag, no push. */
    public SemverTagCommand setDryRun(final boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Tag even when tracked files are modified. */
    public SemverTagCommand setAllowDirty(final boolean allowDirty) {
        this.allowDirty = allowDirty;
        return this;
    }

    /** How often to push when concurrent builds keep taking the version first; 3 by default. */
    public SemverTagCommand setMaxPushAttempts(final int maxPushAttempts) {
        if (maxPushAttempts < 1) {
            throw new ReleaseLedgerException("maxPushAttempts must be at least 1, not " + maxPushAttempts);
        }
        this.maxPushAttempts = maxPushAttempts;
        return this;
    }

    /**
     * Told before each push, on the calling thread, what the run gives if that push succeeds (the result with the tag
     * created, not yet pushed): the CLI seals the ledger's event meanwhile. Each push of a recomputed version tells
     * again; the last result told is the one pushed, when the run ends with the tag created. Must return quickly.
     */
    public SemverTagCommand setBeforePush(final Consumer<SemverTagResult> beforePush) {
        this.beforePush = Objects.requireNonNull(beforePush, "beforePush");
        return this;
    }

    public SemverTagCommand setMessages(final Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        return this;
    }

    public SemverTagResult call() {
        if (called) {
            throw new IllegalStateException("a SemverTagCommand runs once; create a new one");
        }
        called = true;
        TagPrefix tagPrefix = TagPrefix.of(prefix);
        VersionCalculator calculator = new VersionCalculator(SemanticVersion.parse(initialVersion), breakingBelowOne,
                tagPrefix);
        long started = PhaseTimings.start();
        Head head = repository.getHead();
        PhaseTimings.end("git: HEAD", started);
        String branchName = BranchResolver.resolve(branch, head, environment, remote);
        boolean release = BranchResolver.isReleaseBranch(branchName, releaseBranches);
        String id = release ? null : checkedPreReleaseId(branchName);
        messages.info("Branch '%s' at %s: %s", branchName, head.getCommitId(),
                release ? "a release branch, so the version is final" : "pre-releases " + id + ".N");
        started = PhaseTimings.start();
        checkClean();
        PhaseTimings.end("git: dirty check (status)", started);
        boolean hasRemote = repository.hasRemote(remote);
        started = PhaseTimings.start();
        List<TagRef> remoteTags = readRemoteTags(hasRemote);
        PhaseTimings.end("git: fetch the remote's tags", started);
        History history = new History(repository, tagPrefix, paths, otherCommitsBump);
        started = PhaseTimings.start();
        History.Calculation calculation = history.calculate(head, release, id, remoteTags, calculator);
        PhaseTimings.end("version: history (all of it)", started);
        Plan plan = calculation.getPlan();
        Outcome outcome = new Outcome(head, branchName, release);
        if (calculation.isAlreadyTagged()) {
            messages.info("HEAD is already tagged %s: nothing to do", plan.getTag());
            return outcome.result(plan, true, false, false);
        }
        report(plan);
        if (!plan.isNewVersion()) {
            return outcome.result(plan, false, false, false);
        }
        calculation.checkTagIsFree(head);
        if (dryRun || !createTag) {
            messages.info("%s: tag %s not created", dryRun ? "Dry run" : "Version only (the tag command creates it)",
                    plan.getTag());
            return outcome.result(plan, false, false, false);
        }
        return tagAndPush(plan, outcome, history, hasRemote, calculator);
    }

    private String checkedPreReleaseId(final String branchName) {
        String id = preReleaseId == null || preReleaseId.isBlank() ? BranchResolver.preReleaseId(branchName)
                : preReleaseId.strip();
        if (!id.matches("[0-9A-Za-z-]+") || id.matches("\\d+")) {
            throw new ReleaseLedgerException("preReleaseId '" + id + "' is not usable: it must consist of letters,"
                    + " digits and '-' only (no dots) and must not be purely numeric");
        }
        return id;
    }

    private void checkClean() {
        if (!allowDirty && repository.hasUncommittedChanges()) {
            if (dryRun || !createTag) {
                messages.warning("Tracked files in %s have uncommitted changes; a real run would refuse to tag",
                        repository.getWorkTree());
                return;
            }
            throw new ScmException("Tracked files in " + repository.getWorkTree() + " have uncommitted changes, so"
                    + " the tag would not describe what was built: commit or discard them (git status shows them),"
                    + " or set allowDirty. Nothing was changed.");
        }
    }

    private List<TagRef> readRemoteTags(final boolean hasRemote) {
        boolean shallow = repository.isShallow();
        if (!hasRemote) {
            if (shallow) {
                throw shallowFailure("there is no remote '" + remote + "' to fetch the missing history from");
            }
            messages.info("No remote '%s': using the local tags only", remote);
            return List.of();
        }
        if (!fetch) {
            if (shallow) {
                throw shallowFailure("fetch is off, so the missing history is not fetched");
            }
            return List.of();
        }
        if (dryRun) {
            if (shallow) {
                throw shallowFailure("a dry run changes nothing, so it does not fetch the missing history");
            }
            List<TagRef> tags = repository.listRemoteTags(remote, credentials);
            messages.info("Listed %d tags of remote '%s' (dry run: nothing fetched)", tags.size(), remote);
            return tags;
        }
        try {
            repository.fetchTags(remote, credentials, shallow);
        } catch (ScmException e) {
            if (shallow) {
                throw shallowFailure(e.getMessage());
            }
            throw e;
        }
        if (shallow && repository.isShallow()) {
            throw shallowFailure("fetching the full history from '" + remote + "' did not complete it");
        }
        messages.info("Fetched the tags%s of remote '%s'", shallow ? " and the full history" : "", remote);
        return List.of();
    }

    private ScmException shallowFailure(final String why) {
        return new ScmException("The clone at " + repository.getWorkTree() + " is shallow, so its history and tags"
                + " are incomplete and the version could be wrong; " + why + ". Fix the checkout: run"
                + " 'git fetch --unshallow --tags', or in Jenkins turn off 'Shallow clone' and turn on fetching tags"
                + " in the checkout's advanced clone behaviours. Nothing was changed.");
    }

    private void report(final Plan plan) {
        if (plan.getPrevious() != null) {
            messages.info("Previous version %s (tag %s); %s counted since", plan.getPreviousVersion(),
                    plan.getPreviousTag(), Counted.of(plan.getCommits().size(), "commit"));
        } else {
            messages.info("No previous version; %s counted", Counted.of(plan.getCommits().size(), "commit"));
        }
        messages.info("%s %s: %s", plan.isNewVersion() ? "Next version" : "Version stays", plan.getVersion(),
                plan.getReason());
    }

    private SemverTagResult tagAndPush(final Plan first, final Outcome outcome, final History history,
            final boolean hasRemote, final VersionCalculator calculator) {
        Plan plan = first;
        String head = outcome.head.getCommitId();
        long started = PhaseTimings.start();
        repository.createAnnotatedTag(plan.getTag(), head, TagMessage.of(plan));
        PhaseTimings.end("git: create the annotated tag", started);
        messages.info("Created tag %s", plan.getTag());
        try {
            if (!push) {
                return outcome.result(plan, false, true, false);
            }
            if (!hasRemote) {
                messages.warning("No remote '%s': tag %s stays local", remote, plan.getTag());
                return outcome.result(plan, false, true, false);
            }
            for (int attempt = 1; ; attempt++) {
                beforePush.accept(outcome.result(plan, false, true, false));
                started = PhaseTimings.start();
                PushOutcome pushed = repository.pushTag(remote, plan.getTag(), credentials);
                PhaseTimings.end("git: push the tag", started);
                if (pushed.getStatus() != PushOutcome.Status.REJECTED) {
                    messages.info("Pushed tag %s to '%s'", plan.getTag(), remote);
                    return outcome.result(plan, false, true, true);
                }
                List<TagRef> remoteTags = repository.listRemoteTags(remote, credentials);
                String tagName = plan.getTag();
                TagRef theirs = remoteTags.stream().filter(tag -> tag.getName().equals(tagName)).findFirst()
                        .orElseThrow(() -> new ScmException("Remote '" + remote + "' refused the tag "
                                + tagName + " (" + pushed.getReason() + "): check the remote's tag protection"
                                + " rules and the rights of the credentials. The local tag was removed."));
                if (theirs.getCommitId().filter(head::equals).isPresent()) {
                    repository.deleteTag(plan.getTag());
                    messages.info("Another build tagged HEAD %s first: nothing to do", plan.getTag());
                    return outcome.result(plan, true, false, false);
                }
                if (attempt >= maxPushAttempts) {
                    throw new ScmException("Tag " + plan.getTag() + " was taken on remote '" + remote + "' by another"
                            + " build " + Counted.of(attempt, "time") + " in a row (maxPushAttempts " + maxPushAttempts + "): run"
                            + " again, or raise maxPushAttempts. The local tag was removed.");
                }
                repository.deleteTag(plan.getTag());
                messages.warning("Tag %s appeared on remote '%s' for another commit (a concurrent build?): recomputing"
                        + " from the remote's tags (attempt %d of %d)", plan.getTag(), remote, attempt + 1,
                        maxPushAttempts);
                Plan again = history.calculate(outcome.head, outcome.release, outcome.release ? null
                        : checkedPreReleaseId(outcome.branch), remoteTags, calculator).getPlan();
                if (!again.isNewVersion() || again.getTag().equals(plan.getTag())) {
                    throw new ScmException("Tag " + plan.getTag() + " already exists on remote '" + remote + "' at "
                            + theirs.getCommitId().orElse("another commit") + ", which HEAD does not contain: another"
                            + " build released this version from a different commit. Fetch its tags and merge or"
                            + " rebuild; nothing was changed.");
                }
                plan = again;
                report(plan);
                repository.createAnnotatedTag(plan.getTag(), head, TagMessage.of(plan));
                messages.info("Created tag %s", plan.getTag());
            }
        } catch (RuntimeException e) {
            removeQuietly(plan.getTag(), e);
            throw e;
        }
    }

    private void removeQuietly(final String tag, final RuntimeException failure) {
        try {
            if (repository.getTags().stream().anyMatch(ref -> ref.getName().equals(tag))) {
                repository.deleteTag(tag);
                messages.info("Removed the local tag %s again", tag);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** What the result says about HEAD and its branch, the same whatever was done. */
    private final class Outcome {
        private final Head head;
        private final String branch;
        private final boolean release;

        Outcome(final Head head, final String branch, final boolean release) {
            this.head = head;
            this.branch = branch;
            this.release = release;
        }

        SemverTagResult result(final Plan plan, final boolean alreadyTagged, final boolean tagCreated,
                final boolean pushed) {
            return new SemverTagResult(plan, head.getCommitId(), branch, release, alreadyTagged, tagCreated, pushed,
                    dryRun);
        }
    }
}
