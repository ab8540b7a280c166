package io.releaseledger.git;

import io.releaseledger.report.PhaseTimings;
import io.releaseledger.scm.CommitInfo;
import io.releaseledger.scm.GitCredentials;
import io.releaseledger.scm.Head;
import io.releaseledger.scm.PushOutcome;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.ScmRepository;
import io.releaseledger.scm.TagRef;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.RefAlreadyExistsException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;

/** The git port implemented with JGit. The only place that sees JGit and translates its exceptions. */
public final class JGitRepository implements ScmRepository {
    private final Repository repository;
    private final Git git;
    private final Path workTree;
    // One walk serves both history questions of a calculation: the commits the base search parsed (bodies
    // included) are not read from the pack a second time when the commits since the base are listed.
    private RevWalk historyWalk;

    // JGit finds git's system configuration by running C git twice (git --version, git config --system
    // --show-origin), once per process (FS.DETECTED keeps the answer), and reads a repository's configuration, refs,
    // pack index and commit-graph before it answers the first question. A command line started to open one
    // repository does this on a thread of its own while the JVM builds the command; open waits for it, so that the
    // two never run at once, and takes the repository it opened.
    private static final Object PREPARATION_LOCK = new Object();
    private static Thread preparation;
    private static Repository prepared;
    private static int preparedTaken;

    private JGitRepository(final Repository repository, final Path workTree) {
        this.repository = repository;
        this.git = Git.wrap(repository);
        this.workTree = workTree;
    }

    /**
     * Starts opening the repository {@code workTree} belongs to on a thread of its own, for a process that opens it
     * soon after it starts: git's system configuration is found, and the repository's configuration, HEAD, pack index
     * and commit-graph are read. The next {@link #open} of the same repository waits for it and takes that repository;
     * an open of another one closes it unused. Anything that fails here is left to {@link #open} to report.
     */
    public static void prepareInBackground(final Path workTree) {
        synchronized (PREPARATION_LOCK) {
            if (preparation != null) {
                return; // one per process: the command it is for opens its repository once
            }
            preparation = new Thread(() -> prepare(workTree), "git-prepare");
            preparation.setDaemon(true);
            preparation.start();
        }
    }

    private static void prepare(final Path workTree) {
        FS.DETECTED.getGitSystemConfig();
        FileRepositoryBuilder builder = builder(workTree.toAbsolutePath().normalize());
        if (builder.getGitDir() == null) {
            return;
        }
        Repository repository = null;
        try {
            repository = builder.build();
            readCommitGraph(repository.getConfig());
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head != null) {
                try (RevWalk walk = new RevWalk(repository)) {
                    walk.parseCommit(head);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (repository != null) {
                repository.close();
            }
            return; // open reads it again and reports what is wrong
        }
        synchronized (PREPARATION_LOCK) {
            prepared = repository;
        }
    }

    // Waits for the preparation, then hands over its repository when it is the one asked for and closes it otherwise.
    private static Repository takePrepared(final File gitDir) {
        awaitPreparation();
        Repository repository;
        synchronized (PREPARATION_LOCK) {
            repository = prepared;
            prepared = null;
            if (repository != null && repository.getDirectory().equals(gitDir)) {
                preparedTaken++;
                return repository;
            }
        }
        if (repository != null) {
            repository.close();
        }
        return null;
    }

    /** Waits until the preparation, if one was started, is done. */
    static void awaitPreparation() {
        Thread running;
        synchronized (PREPARATION_LOCK) {
            running = preparation;
        }
        if (running == null) {
            return;
        }
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many opens took a prepared repository (for tests). */
    static int preparedTaken() {
        synchronized (PREPARATION_LOCK) {
            return preparedTaken;
        }
    }

    /** Forgets the preparation, so that a test can start another one. */
    static void resetPreparation() {
        takePrepared(null);
        synchronized (PREPARATION_LOCK) {
            preparation = null;
        }
    }

    /**
     * Opens the repository that {@code workTree} (or one of its parents) belongs to.
     *
     * @throws ScmException when the directory is not inside a git repository
     */
    public static JGitRepository open(final Path workTree) {
        Path directory = workTree.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new ScmException("The directory " + directory + " does not exist: run in the checked-out workspace.");
        }
        FileRepositoryBuilder builder = builder(directory);
        if (builder.getGitDir() == null) {
            throw new ScmException(directory + " is not a git repository (no .git in it or its parents): check out"
                    + " the project first and run in its working tree.");
        }
        long started = PhaseTimings.start();
        Repository early = takePrepared(builder.getGitDir());
        PhaseTimings.end("git: wait for the repository opened beside the command's set-up", started);
        try {
            Repository repository = early != null ? early : builder.build();
            readCommitGraph(repository.getConfig());
            Path root = repository.isBare() ? directory : repository.getWorkTree().toPath();
            return new JGitRepository(repository, root);
        } catch (IOException | IllegalArgumentException e) {
            throw new ScmException("The git repository at " + directory + " cannot be opened: " + e.getMessage()
                    + "; check that the checkout is complete and readable.", e);
        }
    }

    // One way to find a directory's repository, so that open recognises the one the preparation found.
    private static FileRepositoryBuilder builder(final Path directory) {
        return new FileRepositoryBuilder().findGitDir(directory.toFile()).setMustExist(true);
    }

    // Git reads .git/objects/info/commit-graph unless core.commitGraph is false; JGit only when it is true. Set in
    // memory only, never saved: the repository's configuration stays as it is.
    private static void readCommitGraph(final Config config) {
        if (config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH) == null) {
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH, true);
        }
    }

    @Override
    public Path getWorkTree() {
        return workTree;
    }

    @Override
    public Head getHead() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw new ScmException("The repository at " + workTree + " has no commits yet: commit something"
                        + " before computing a version.");
            }
            String full = repository.getFullBranch();
            String branch = full != null && full.startsWith(Constants.R_HEADS)
                    ? full.substring(Constants.R_HEADS.length()) : null;
            return new Head(head.name(), branch);
        } catch (IOException e) {
            throw new ScmException("Reading HEAD of " + workTree + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isShallow() {
        try {
            return !repository.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw new ScmException("Reading the shallow state of " + workTree + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasUncommittedChanges() {
        try {
            return !git.status().setIgnoreSubmodules(SubmoduleWalk.IgnoreSubmoduleMode.ALL).call()
                    .getUncommittedChanges().isEmpty();
        } catch (GitAPIException | RuntimeException e) {
            throw new ScmException("Checking " + workTree + " for uncommitted changes failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TagRef> getTags() {
        try {
            List<TagRef> tags = new ArrayList<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                Ref peeled = ref.isPeeled() ? ref : repository.getRefDatabase().peel(ref);
                ObjectId target = peeled.getPeeledObjectId();
                ObjectId object = peeled.getObjectId();
                if (object == null) {
                    continue;
                }
                String name = ref.getName().substring(Constants.R_TAGS.length());
                tags.add(new TagRef(name, object.name(), (target != null ? target : object).name(), target != null));
            }
            return tags;
        } catch (IOException e) {
            throw new ScmException("Reading the tags of " + workTree + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int firstReachableFromHead(final List<String> commitIds) {
        if (commitIds.isEmpty()) {
            return -1;
        }
        try {
            RevWalk walk = historyWalk();
            RevCommit head = walk.parseCommit(ObjectId.fromString(getHead().getCommitId()));
            return hasCommitGraph() ? firstReachableByGeneration(walk, head, commitIds)
                    : firstReachableInOneWalk(walk, head, commitIds);
        } catch (IOException e) {
            throw historyFailure(e);
        }
    }

    // With generation numbers a walk stops below the candidate's generation: a tag on a branch that was never
    // merged is rejected at once instead of after a walk to the root.
    private int firstReachableByGeneration(final RevWalk walk, final RevCommit head, final List<String> commitIds)
            throws IOException {
        List<RevCommit> tip = List.of(head);
        for (int i = 0; i < commitIds.size(); i++) {
            RevCommit candidate = commitOrNull(walk, commitIds.get(i));
            if (candidate != null && walk.isMergedIntoAnyCommit(candidate, tip)) {
                return i;
            }
        }
        return -1;
    }

    // A tag may name a commit this clone lacks (known from the remote only) or another kind of object: neither is
    // in HEAD's history.
    private static RevCommit commitOrNull(final RevWalk walk, final String id) throws IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(id));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return null;
        }
    }

    private static int firstReachableInOneWalk(final RevWalk walk, final RevCommit head, final List<String> commitIds)
            throws IOException {
        Map<ObjectId, Integer> wanted = new HashMap<>();
        for (int i = commitIds.size() - 1; i >= 0; i--) {
            wanted.put(ObjectId.fromString(commitIds.get(i)), i);
        }
        walk.markStart(head);
        int best = -1;
        int found = 0;
        for (RevCommit commit : walk) {
            Integer index = wanted.get(commit);
            if (index != null) {
                found++;
                if (best < 0 || index < best) {
                    best = index;
                }
                // Nothing can beat the first choice, and nothing is left to find once every id was met.
                if (best == 0 || found == wanted.size()) {
                    break;
                }
            }
        }
        return best;
    }

    private boolean hasCommitGraph() throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.getCommitGraph().isPresent();
        }
    }

    @Override
    public List<CommitInfo> commitsFromHead(final Collection<String> excludedCommitIds, final List<String> paths) {
        try {
            RevWalk walk = historyWalk();
            walk.markStart(walk.parseCommit(ObjectId.fromString(getHead().getCommitId())));
            for (String excluded : excludedCommitIds) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(excluded)));
            }
            if (!paths.isEmpty()) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            }
            List<CommitInfo> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                CommitText text = CommitText.of(commit);
                commits.add(new CommitInfo(commit.name(), text.getMessage(),
                        Instant.ofEpochSecond(commit.getCommitTime()), text.getAuthorName(), text.getAuthorEmail()));
            }
            return commits;
        } catch (IOException e) {
            throw historyFailure(e);
        }
    }

    private ScmException historyFailure(final IOException e) {
        if (e instanceof MissingObjectException) {
            return new ScmException("The history of " + workTree + " is incomplete (" + e.getMessage() + "): the"
                    + " clone may be shallow or damaged; run 'git fetch --unshallow --tags' or clone it again.", e);
        }
        return new ScmException("Reading the history of " + workTree + " failed: " + e.getMessage(), e);
    }

    @Override
    public boolean hasRemote(final String remote) {
        return remoteUrl(remote) != null;
    }

    private String remoteUrl(final String remote) {
        return repository.getConfig().getString("remote", remote, "url");
    }

    private String requireRemote(final String remote) {
        String url = remoteUrl(remote);
        if (url == null) {
            throw new ScmException("The repository at " + workTree + " has no remote named '" + remote
                    + "': add it (git remote add " + remote + " <url>) or choose another remote.");
        }
        return url;
    }

    @Override
    public List<TagRef> listRemoteTags(final String remote, final GitCredentials credentials) {
        String url = requireRemote(remote);
        try (RemoteAccess access = new RemoteAccess(credentials, url)) {
            Collection<Ref> refs;
            try {
                refs = access.configure(git.lsRemote().setRemote(remote).setTags(true).setHeads(false)).call();
            } catch (GitAPIException | RuntimeException e) {
                throw access.failure("Listing the tags of remote '" + remote + "'", e);
            }
            List<TagRef> tags = new ArrayList<>();
            for (Ref ref : refs) {
                String name = ref.getName();
                if (!name.startsWith(Constants.R_TAGS) || name.endsWith("^{}") || ref.getObjectId() == null) {
                    continue;
                }
                ObjectId peeled = ref.getPeeledObjectId();
                tags.add(new TagRef(name.substring(Constants.R_TAGS.length()), ref.getObjectId().name(),
                        peeled != null ? peeled.name() : localCommitOf(ref.getObjectId()), peeled != null));
            }
            return tags;
        }
    }

    // A remote tag whose peeled id the server did not send can still be resolved if we have the object.
    private String localCommitOf(final ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject object = walk.peel(walk.parseAny(id));
            return object instanceof RevCommit ? object.name() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void fetchTags(final String remote, final GitCredentials credentials, final boolean unshallow) {
        String url = requireRemote(remote);
        List<RefSpec> specs = new ArrayList<>();
        specs.add(new RefSpec(Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));
        if (unshallow) {
            try {
                specs.addAll(new RemoteConfig(repository.getConfig(), remote).getFetchRefSpecs());
            } catch (java.net.URISyntaxException e) {
                throw new ScmException("The URL of remote '" + remote + "' is invalid: " + Redaction.redactUrl(url)
                        + "; fix it with git remote set-url.", e);
            }
        }
        try (RemoteAccess access = new RemoteAccess(credentials, url)) {
            try {
                access.configure(git.fetch().setRemote(remote).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                        .setUnshallow(unshallow).setRemoveDeletedRefs(false)).call();
            } catch (GitAPIException | RuntimeException e) {
                throw access.failure("Fetching " + (unshallow ? "the full history and " : "") + "the tags of remote '"
                        + remote + "'", e);
            }
        }
    }

    @Override
    public void createAnnotatedTag(final String name, final String commitId, final String message) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
            git.tag().setName(name).setObjectId(commit).setAnnotated(true).setSigned(false).setMessage(message)
                    .setForceUpdate(false).call();
        } catch (RefAlreadyExistsException e) {
            throw new ScmException("The tag '" + name + "' already exists in " + workTree
                    + ": delete it or choose another version.", e);
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new ScmException("Creating the tag '" + name + "' in " + workTree + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteTag(final String name) {
        try {
            git.tagDelete().setTags(Constants.R_TAGS + name).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new ScmException("Deleting the local tag '" + name + "' failed: " + e.getMessage()
                    + "; delete it by hand with git tag -d " + name + ".", e);
        }
    }

    @Override
    public PushOutcome pushTag(final String remote, final String name, final GitCredentials credentials) {
        String url = requireRemote(remote);
        String ref = Constants.R_TAGS + name;
        try (RemoteAccess access = new RemoteAccess(credentials, url)) {
            Iterable<PushResult> results;
            try {
                results = access.configure(git.push().setRemote(remote).setRefSpecs(new RefSpec(ref + ":" + ref))
                        .setForce(false)).call();
            } catch (GitAPIException | RuntimeException e) {
                throw access.failure("Pushing the tag '" + name + "' to remote '" + remote + "'", e);
            }
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update != null) {
                    return outcome(update, credentials);
                }
            }
            throw new ScmException("Pushing the tag '" + name + "' to remote '" + remote + "' ("
                    + Redaction.redactUrl(url) + ") gave no result for the tag; check the remote.");
        }
    }

    private static PushOutcome outcome(final RemoteRefUpdate update, final GitCredentials credentials) {
        String reason = Redaction.redact(update.getMessage(), credentials);
        switch (update.getStatus()) {
            case OK:
                return new PushOutcome(PushOutcome.Status.PUSHED, reason);
            case UP_TO_DATE:
                return new PushOutcome(PushOutcome.Status.UP_TO_DATE, reason);
            case REJECTED_NONFASTFORWARD:
                return new PushOutcome(PushOutcome.Status.REJECTED, reason.isEmpty() ? "already exists" : reason);
            case REJECTED_REMOTE_CHANGED:
                return new PushOutcome(PushOutcome.Status.REJECTED, reason.isEmpty() ? "changed remotely" : reason);
            default:
                return new PushOutcome(PushOutcome.Status.REJECTED,
                        reason.isEmpty() ? update.getStatus().toString() : reason);
        }
    }

    @Override
    public void close() {
        if (historyWalk != null) {
            historyWalk.close();
        }
        repository.close();
    }

    private RevWalk historyWalk() throws IOException {
        if (historyWalk == null) {
            historyWalk = new RevWalk(repository);
        } else {
            historyWalk.reset();
            historyWalk.setTreeFilter(TreeFilter.ALL);
        }
        return historyWalk;
    }
}
