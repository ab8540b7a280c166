package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.JournalStamp;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.Verification;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledgers under one directory ({@code $JENKINS_HOME/release-ledger} in Jenkins), opened once per application and
 * kept open, and the {@link JobIndex} of which job touched which application and who claimed it. Every access by a
 * job is checked against {@link ApplicationOwnership}. Jenkins-free: {@link ReleaseLedgers} gives it its directory,
 * the administrator's change-request switch and what it knows about the job ({@link LedgerAccess}).
 */
final class LedgerStore implements AutoCloseable {
    private final Path root;
    private final LedgerKeys keys;
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
    private final Map<String, CachedVerification> verifications = new ConcurrentHashMap<>();
    private volatile JobIndex index;

    LedgerStore(final Path root) {
        this.root = root;
        this.keys = LedgerKeys.none();
    }

    /** The ledgers under {@code root}, sealed and checked with {@code keys} ({@link LedgerKeySource}). */
    LedgerStore(final Path root, final LedgerKeys keys) {
        this.root = root;
        this.keys = keys;
    }

    Path getRoot() {
        return root;
    }

    /** The applications a job recorded events for; reads {@code jobs.json} on the first call only. */
    List<String> applicationsOf(final String jobFullName) {
        return index().applicationsOf(jobFullName);
    }

    /** Whether the job owns the application (see {@link ApplicationOwnership}); claims nothing. */
    ApplicationOwnership ownership(final LedgerAccess access, final String application) {
        JobIndex current = index();
        synchronized (current) {
            return ApplicationOwnership.decide(application, access, current.ownersOf(application), hasEvents(application));
        }
    }

    /**
     * Appends one event to the application's ledger and notes the job in the index. Refused when the job does not own
     * the application; the engine refuses restricted events of change-request builds unless {@code allowChangeRequests}.
     *
     * @throws ReleaseLedgerException when the job does not own the application ({@link ApplicationNotOwnedException}),
     *                                or the ledger refuses the event or cannot be written; the message says why
     */
    void append(final LedgerAccess access, final String application, final EventDraft draft,
            final boolean allowChangeRequests) {
        Ledger ledger = owned(access, application);
        synchronized (ledger) {
            ledger.setAllowChangeRequests(allowChangeRequests);
            ledger.append(draft);
        }
        note(access, application);
    }

    /**
     * The application's ledger itself, for the engine's commands, which lock, read and append on their own; refused
     * when the job does not own the application. Notes the job in the index first so that its Releases page shows it.
     */
    Ledger ledgerFor(final LedgerAccess access, final String application, final boolean allowChangeRequests) {
        Ledger ledger = owned(access, application);
        synchronized (ledger) {
            ledger.setAllowChangeRequests(allowChangeRequests);
        }
        note(access, application);
        return ledger;
    }

    /** The application's read model for the API; refused when the job does not own the application. */
    LedgerView view(final LedgerAccess access, final String application) {
        requireOwner(access, application);
        return view(application);
    }

    /** {@link #verify(String)} for a job; refused when the job does not own the application. */
    Verification verify(final LedgerAccess access, final String application) {
        requireOwner(access, application);
        return verify(application);
    }

    /** Decides ownership and records a first claim in one step, so that two first writers cannot both claim. */
    private Ledger owned(final LedgerAccess access, final String application) {
        Ledger.checkApplicationName(application); // before any claim is written: a refused name leaves nothing behind
        JobIndex current = index();
        synchronized (current) {
            ApplicationOwnership ownership = ApplicationOwnership.decide(application, access,
                    current.ownersOf(application), hasEvents(application));
            if (!ownership.isOwner()) {
                throw new ApplicationNotOwnedException(ownership.getRefusal());
            }
            if (ownership.isClaim()) {
                try {
                    current.claim(application, access.getClaimScope());
                } catch (IOException e) {
                    throw new ReleaseLedgerException("The application '" + application + "' could not be claimed for "
                            + access.getClaimScope() + ": " + root.resolve(JobIndex.FILE_NAME) + " could not be written: "
                            + e.getMessage(), e);
                }
            }
        }
        return ledger(application);
    }

    private void requireOwner(final LedgerAccess access, final String application) {
        ApplicationOwnership ownership = ownership(access, application);
        if (!ownership.isOwner()) {
            throw new ApplicationNotOwnedException(ownership.getRefusal());
        }
    }

    /** Without creating a ledger: deciding must leave no directory behind (a dry run records nothing). */
    private boolean hasEvents(final String application) {
        if (!ledgers.containsKey(application) && !Ledger.applications(root).contains(application)) {
            return false;
        }
        return view(application).state().get("events") instanceof Number events && events.longValue() > 0;
    }

    private void note(final LedgerAccess access, final String application) {
        try {
            index().add(access.getJob(), application);
        } catch (IOException e) {
            throw new ReleaseLedgerException("The job list " + root.resolve(JobIndex.FILE_NAME) + " could not be written: "
                    + e.getMessage(), e);
        }
    }

    /** The read model without an ownership check: for the store itself and the tag re-run check of an owner. */
    LedgerView view(final String application) {
        return ledger(application).view();
    }

    /**
     * Verifies the application's journal; reuses the last answer while {@code events.jsonl} keeps its size and
     * modification time, because any reader may call {@code api/verify} and a full check reads every line.
     */
    Verification verify(final String application) {
        Ledger ledger = ledger(application);
        JournalStamp stamp = JournalStamp.of(ledger.getDirectory().resolve("events.jsonl"));
        CachedVerification cached = verifications.get(application);
        if (cached != null && stamp != null && stamp.equals(cached.stamp)) {
            return cached.verification;
        }
        Verification verification = ledger.verify();
        if (stamp != null && stamp.equals(JournalStamp.of(ledger.getDirectory().resolve("events.jsonl")))) {
            verifications.put(application, new CachedVerification(stamp, verification));
        }
        return verification;
    }

    private static final class CachedVerification {
        private final JournalStamp stamp;
        private final Verification verification;

        CachedVerification(final JournalStamp stamp, final Verification verification) {
            this.stamp = stamp;
            this.verification = verification;
        }
    }

    private Ledger ledger(final String application) {
        return ledgers.computeIfAbsent(application, name -> Ledger.open(root, name, new Messages(), keys));
    }

    private JobIndex index() {
        JobIndex current = index;
        if (current == null) {
            synchronized (this) {
                current = index;
                if (current == null) {
                    try {
                        current = JobIndex.load(root.resolve(JobIndex.FILE_NAME));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Release Ledger: cannot read " + root.resolve(JobIndex.FILE_NAME), e);
                    }
                    index = current;
                }
            }
        }
        return current;
    }

    /** Closes every ledger opened so far; the store opens them again when asked. */
    @Override
    public void close() {
        List<Ledger> open = new ArrayList<>(ledgers.values());
        ledgers.clear();
        for (Ledger ledger : open) {
            ledger.close();
        }
    }
}
