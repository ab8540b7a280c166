package io.releaseledger.git;

import io.releaseledger.scm.CommitInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads the message, time and author of commits a walk listed, on as many threads as cores: each thread inflates a
 * contiguous slice of the list with a reader of its own and fills its slots, so the result keeps the walk's order.
 */
final class CommitBodies {
    // Below this many commits per thread a thread costs more than it saves.
    static final int COMMITS_PER_THREAD = 2_000;

    private CommitBodies() {
    }

    static List<CommitInfo> read(final Repository repository, final List<ObjectId> ids) throws IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                ids.size() / COMMITS_PER_THREAD));
        return read(repository, ids, threads);
    }

    static List<CommitInfo> read(final Repository repository, final List<ObjectId> ids, final int threads)
            throws IOException {
        CommitInfo[] commits = new CommitInfo[ids.size()];
        if (threads <= 1) {
            readSlice(repository, ids, 0, ids.size(), commits);
            return new ArrayList<>(Arrays.asList(commits));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "release-ledger-commit-bodies");
            thread.setDaemon(true);
            return thread;
        });
        try {
            int size = ids.size();
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                int from = (int) ((long) size * t / threads);
                int to = (int) ((long) size * (t + 1) / threads);
                others.add(CompletableFuture.runAsync(() -> readSliceUnchecked(repository, ids, from, to, commits),
                        pool));
            }
            readSlice(repository, ids, 0, (int) ((long) size / threads), commits);
            try {
                CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw unwrap(e);
            }
        } finally {
            pool.shutdown();
        }
        return new ArrayList<>(Arrays.asList(commits));
    }

    private static IOException unwrap(final CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    private static void readSliceUnchecked(final Repository repository, final List<ObjectId> ids, final int from,
            final int to, final CommitInfo[] commits) {
        try {
            readSlice(repository, ids, from, to, commits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readSlice(final Repository repository, final List<ObjectId> ids, final int from,
            final int to, final CommitInfo[] commits) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            for (int i = from; i < to; i++) {
                commits[i] = info(walk.parseCommit(ids.get(i)));
            }
        }
    }

    static CommitInfo info(final RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(commit.name(), commit.getFullMessage(), Instant.ofEpochSecond(commit.getCommitTime()),
                author == null ? null : author.getName(), author == null ? null : author.getEmailAddress());
    }
}
