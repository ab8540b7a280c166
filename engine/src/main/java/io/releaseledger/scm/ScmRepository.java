package io.releaseledger.scm;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The git operations the use cases need, free of any git library type. Commit ids are full hexadecimal
 * strings, tag names are short ({@code v1.2.0}). Every failure is an unchecked {@link ScmException} whose
 * message says what failed and how to fix it.
 */
public interface ScmRepository extends AutoCloseable {
    Path getWorkTree();

    /** @throws ScmException when the repository has no commit yet */
    Head getHead();

    /** Whether this is a shallow clone, whose history (and so its version) may be incomplete. */
    boolean isShallow();

    /** Whether tracked files differ from HEAD (in the index or the work tree); untracked files do not count. */
    boolean hasUncommittedChanges();

    /** Every local tag, peeled to its commit (tags on objects other than commits are left out). */
    List<TagRef> getTags();

    /**
     * Walks the history of HEAD once and returns the index of the first of {@code commitIds} that HEAD
     * reaches, or -1. Ordering the ids by preference lets the walk stop as soon as the first one is met.
     * Unknown ids are simply not reachable.
     */
    int firstReachableFromHead(List<String> commitIds);

    /**
     * The commits reachable from HEAD but not from any of {@code excludedCommitIds}, newest first, merges
     * included. With {@code paths}, only commits that change a file under one of them, as {@code git log -- paths}
     * shows them.
     */
    List<CommitInfo> commitsFromHead(Collection<String> excludedCommitIds, List<String> paths);

    boolean hasRemote(String remote);

    /** The remote's tags as {@code git ls-remote --tags} shows them; changes nothing locally. */
    List<TagRef> listRemoteTags(String remote, GitCredentials credentials);

    /**
     * Fetches the remote's tags (without overwriting local tags that differ), together with the remote's
     * configured branches when {@code unshallow} asks to complete a shallow history.
     */
    void fetchTags(String remote, GitCredentials credentials, boolean unshallow);

    /** @throws ScmException when a tag of that name already exists */
    void createAnnotatedTag(String name, String commitId, String message);

    /** Deletes a local tag; does nothing when it does not exist. */
    void deleteTag(String name);

    /** Pushes one tag without force. */
    PushOutcome pushTag(String remote, String name, GitCredentials credentials);

    @Override
    void close();
}
