package io.releaseledger.cli;

import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.ledger.SealedDraft;
import io.releaseledger.ledger.VersionTagged;
import io.releaseledger.report.PhaseTimings;
import io.releaseledger.semver.SemverTagResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code version.tagged} event of a tag about to be pushed, sealed on a thread of its own while git pushes (the
 * engine tells {@code tag} the result before each push). It is recorded only after the push succeeded, and only when
 * the run ends with the tag it was sealed for; otherwise it is dropped and nothing is written.
 */
final class PendingTagEvent {
    private final SemverTagResult told;
    private final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    private final CompletableFuture<SealedDraft> sealed = new CompletableFuture<>();

    private PendingTagEvent(final SemverTagResult told) {
        this.told = told;
    }

    /**
     * Starts making the result object and sealing its event into the ledger {@code opening} gives.
     *
     * @param repositoryUrl the repository's web URL for commit links, or {@code null}
     */
    static PendingTagEvent start(final SemverTagResult told, final CompletableFuture<Ledger> opening,
            final String repositoryUrl, final Map<String, String> environment) {
        PendingTagEvent pending = new PendingTagEvent(told);
        Thread thread = new Thread(() -> pending.seal(opening, repositoryUrl, environment), "release-ledger-seal");
        thread.setDaemon(true);
        thread.start();
        return pending;
    }

    private void seal(final CompletableFuture<Ledger> opening, final String repositoryUrl,
            final Map<String, String> environment) {
        try {
            long started = PhaseTimings.start();
            Map<String, Object> map = SemverTagOperation.toResult(told);
            result.complete(map);
            PhaseTimings.end("result object (beside the push)", started);
            started = PhaseTimings.start();
            String user = TagRecorder.userName(environment);
            VersionTagged tagged = new VersionTagged(map).setRepositoryUrl(repositoryUrl);
            Ledger ledger = opening.join();
            sealed.complete(tagged.isRerun() || !tagged.isRecordable() ? null
                    : ledger.seal(tagged.draft(new Actor(user, user), Origin.cli(user,
                            TagRecorder.hostName(environment)))));
            PhaseTimings.end("ledger: seal version.tagged (beside the push)", started);
        } catch (RuntimeException | Error e) {
            // Not sealed ahead: the event is recorded as before, and what went wrong is reported there.
            result.complete(null);
            sealed.complete(null);
        }
    }

    /** Whether the run ended with the tag this event was sealed for, created (and pushed) by this run. */
    boolean isFor(final SemverTagResult outcome) {
        return outcome.isTagCreated() && !outcome.isDryRun() && !outcome.isAlreadyTagged()
                && Objects.equals(outcome.getTag(), told.getTag())
                && Objects.equals(outcome.getVersion(), told.getVersion())
                && Objects.equals(outcome.getCommit(), told.getCommit())
                && outcome.getCommits().size() == told.getCommits().size();
    }

    /** The result object of {@code outcome} ({@link #isFor} it), or {@code null} when none was made. */
    Map<String, Object> resultFor(final SemverTagResult outcome) {
        Map<String, Object> made = join(result);
        if (made == null) {
            return null;
        }
        // The same object SemverTagOperation.toResult(outcome) makes: only the flags of what was done differ.
        Map<String, Object> copy = new LinkedHashMap<>(made);
        copy.put("alreadyTagged", outcome.isAlreadyTagged());
        copy.put("tagCreated", outcome.isTagCreated());
        copy.put("pushed", outcome.isPushed());
        copy.put("dryRun", outcome.isDryRun());
        return copy;
    }

    /** The sealed event, or {@code null} when it could not be sealed ahead. */
    SealedDraft sealed() {
        return join(sealed);
    }

    /** Waits until the sealing thread is done with the ledger (before it is closed). */
    void await() {
        join(sealed);
    }

    private static <T> T join(final CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            return null;
        }
    }
}
