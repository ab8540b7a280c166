package io.releaseledger.scm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;

/**
 * A real repository in a temporary directory for tests, built with JGit so that most tests need no git
 * installation. Commit times increase by a second per commit, so histories are deterministic.
 */
public final class TestRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.invalid");
    private final Git git;
    private final Path dir;
    private long time = 1_700_000_000L;
    private int counter;

    private TestRepo(final Git git, final Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static TestRepo init(final Path dir) {
        try {
            return new TestRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestRepo initBare(final Path dir) {
        try {
            return new TestRepo(Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call(),
                    dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestRepo open(final Path dir) {
        try {
            return new TestRepo(Git.open(dir.toFile()), dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    /** Commits a change to a file of its own (so that merges never conflict). */
    public String commit(final String message) {
        return commit(message, "files/file-" + (++counter) + ".txt");
    }

    /** Commits a change to {@code path}. */
    public String commit(final String message, final String path) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, message + " " + (++counter) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            git.add().addFilepattern(path).call();
            PersonIdent who = next();
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private PersonIdent next() {
        time++;
        return new PersonIdent(AUTHOR, Instant.ofEpochSecond(time), ZoneOffset.UTC);
    }

    public String head() {
        try {
            return git.getRepository().resolve(Constants.HEAD).name();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo tag(final String name) {
        return tag(name, head());
    }

    /** A lightweight tag. */
    public TestRepo tag(final String name, final String commit) {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            git.tag().setName(name).setAnnotated(false).setObjectId(walk.parseCommit(ObjectId.fromString(commit)))
                    .call();
            return this;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo annotatedTag(final String name, final String commit) {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            git.tag().setName(name).setAnnotated(true).setMessage("tag " + name).setTagger(next()).setSigned(false)
                    .setObjectId(walk.parseCommit(ObjectId.fromString(commit))).call();
            return this;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> tags() {
        try {
            return git.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(ref -> ref.getName().substring(Constants.R_TAGS.length())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commit a tag points at, peeled; null when there is no such tag. */
    public String tagCommit(final String name) {
        try {
            ObjectId id = git.getRepository().resolve(Constants.R_TAGS + name + "^{commit}");
            return id == null ? null : id.name();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo branch(final String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo checkout(final String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Detaches HEAD at the current commit, as a Jenkins checkout does. */
    public TestRepo detach() {
        try {
            git.checkout().setName(head()).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A merge commit (never fast-forward) of {@code branch} into the current branch. */
    public String merge(final String branch, final String message) {
        try {
            RevCommit merged = git.getRepository().parseCommit(git.getRepository().resolve(branch));
            git.merge().include(merged).setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage(message)
                    .setCommit(true).call();
            return head();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo addRemote(final String name, final String url) {
        try {
            git.remoteAdd().setName(name).setUri(new URIish(url)).call();
            return this;
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes the current branch and every tag to {@code remote}. */
    public TestRepo pushAll(final String remote) {
        try {
            git.push().setRemote(remote).add("refs/heads/*:refs/heads/*").setPushTags().call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets (or with {@code null} removes) the URL of a remote, saved to the repository's config file. */
    public TestRepo setRemoteUrl(final String remote, final String url) {
        try {
            var config = git.getRepository().getConfig();
            if (url == null) {
                config.unsetSection("remote", remote);
            } else {
                config.setString("remote", remote, "url", url);
            }
            config.save();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(final String path, final String text) {
        try {
            Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
