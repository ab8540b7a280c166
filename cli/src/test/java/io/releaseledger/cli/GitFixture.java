package io.releaseledger.cli;

import io.releaseledger.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;

/** A real git repository in a temporary directory, built with JGit, with an optional bare remote. */
final class GitFixture implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test Author", "author@example.com");

    private final Git git;
    private final Path workTree;

    private GitFixture(final Git git, final Path workTree) {
        this.git = git;
        this.workTree = workTree;
    }

    static GitFixture create(final Path directory) {
        try {
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Release Bot");
            config.setString("user", null, "email", "bot@example.com");
            config.setBoolean("tag", null, "gpgSign", false);
            config.setBoolean("commit", null, "gpgSign", false);
            config.save();
            return new GitFixture(git, directory);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path getWorkTree() {
        return workTree;
    }

    /** Commits a change of file {@code name} with the given message. */
    RevCommit commit(final String name, final String message) {
        try {
            Path file = workTree.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, message + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            git.add().addFilepattern(name).call();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    RevCommit commit(final String message) {
        return commit("file.txt", message);
    }

    void tag(final String name) {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setTagger(AUTHOR).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a bare repository and registers it as remote {@code origin} over file://. */
    Path addBareOrigin(final Path directory) {
        try (Git bare = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
            setOrigin(directory.toUri().toString());
            return directory;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    void setOrigin(final String url) {
        try {
            git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void detach() {
        try {
            git.checkout().setName(git.getRepository().resolve("HEAD").name()).call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every ref of the repository with its target, to compare states before and after a run. */
    Map<String, String> refs() {
        return refs(git);
    }

    List<String> tags() {
        return refs().keySet().stream().filter(name -> name.startsWith("refs/tags/"))
                .map(name -> name.substring("refs/tags/".length())).toList();
    }

    static Map<String, String> refs(final Git git) {
        try {
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                refs.put(ref.getName(), ref.getObjectId() == null ? "" : ref.getObjectId().name());
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> tagsOf(final Path bareRepository) {
        try (Git bare = Git.open(bareRepository.toFile())) {
            return refs(bare).keySet().stream().filter(name -> name.startsWith("refs/tags/"))
                    .map(name -> name.substring("refs/tags/".length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A local port nobody listens on (nothing in this JVM gets it again): connecting is refused at once. */
    static int closedPort() {
        return FreePorts.next();
    }

    @Override
    public void close() {
        git.close();
    }
}
