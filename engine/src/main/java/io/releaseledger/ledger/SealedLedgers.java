package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What an operator does with the list of sealed ledgers ({@link SealedLedgerList}) after deleting or restoring a
 * ledger on purpose: forget a deleted ledger, so that a new one can start at its path, or accept a journal restored
 * from an older backup by moving its high-water mark back to the event it ends with. Says what it did in the messages.
 */
public final class SealedLedgers {
    private final LedgerKeys keys;
    private final SealedLedgerList list;
    private final Messages messages;

    /** @param keys the ledger keys, with their list of sealed ledgers */
    public SealedLedgers(final LedgerKeys keys, final Messages messages) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.list = Objects.requireNonNull(keys.getSealedLedgers(), "the keys' list of sealed ledgers");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * Forgets the ledger in {@code directory}. Refused while a journal with events is there: forgetting it would stop
     * the list from noticing its seals removed or the journal replaced; {@link #acceptRestore} is for that case.
     */
    public void forget(final Path directory) {
        long events = eventsIn(directory);
        if (events > 0) {
            throw new ReleaseLedgerException("The ledger " + directory + " holds " + events + " events: forgetting it "
                    + "would stop verify noticing its seals removed or its journal replaced by an older copy; nothing "
                    + "was changed. Delete the ledger first to start again there, or, if its journal was restored "
                    + "from a backup on purpose, accept the restore (--accept-restore).");
        }
        boolean known = call(() -> list.forget(directory));
        messages.info(known ? "Forgot the ledger %s in the list of sealed ledgers %s: a new ledger can start there."
                : "The list of sealed ledgers %2$s did not know the ledger %1$s: nothing to forget.", directory, list);
    }

    /**
     * Accepts the journal in {@code directory} as it is now (restored on purpose from an older backup): checks it with
     * the keys, whatever its high-water mark says, and moves the mark to the event it ends with. Refused, with nothing
     * changed, when the journal is damaged otherwise.
     */
    public Verification acceptRestore(final Path directory) {
        Path dir = realDirectory(directory);
        try (Journal journal = Journal.open(dir, application(dir), null, messages, true, keys.withoutSealedLedgers())) {
            Verification verification = journal.verify();
            if (!verification.isIntact()) {
                throw new ReleaseLedgerException("The journal of " + dir + " is damaged at line "
                        + verification.getLine() + ": " + verification.getProblem() + ". A damaged journal cannot be "
                        + "accepted; nothing was changed.");
            }
            journal.seek(0, 0, Journal.ZERO_HASH);
            journal.catchUp();
            long last = journal.getLastSequence();
            String hash = journal.getLastHash();
            call(() -> {
                if (journal.isSealed()) {
                    list.add(dir);
                }
                list.mark(dir, last, hash);
                return true;
            });
            messages.info("Accepted the journal of %s as restored on purpose: its high-water mark in %s is now event "
                    + "%d.", dir, list, last);
            return verification;
        } catch (ReleaseLedgerException e) {
            if (e.getMessage().startsWith("The journal of ")) {
                throw e;
            }
            throw new ReleaseLedgerException("Cannot accept the journal of " + dir + " (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    private long eventsIn(final Path directory) {
        Path journal = directory.resolve(Journal.JOURNAL_FILE);
        if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Path dir = realDirectory(directory);
        try (Journal open = Journal.open(dir, application(dir), null, new Messages(), true, LedgerKeys.none())) {
            return Math.max(open.verify().getEvents(), Files.size(journal) > 0 ? 1 : 0);
        } catch (IOException | ReleaseLedgerException e) {
            return 1; // something is there that this command cannot read: leave it to the operator
        }
    }

    private static Path realDirectory(final Path directory) {
        try {
            return directory.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new ReleaseLedgerException("There is no ledger directory " + directory + " (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    private static String application(final Path directory) {
        String application = directory.getFileName() == null ? null
                : ApplicationNames.decode(directory.getFileName().toString());
        if (application == null) {
            throw new ReleaseLedgerException(directory + " is not a ledger directory (its name is not an application's "
                    + "ledger name); nothing was changed.");
        }
        return application;
    }

    private <T> T call(final IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot change the list of sealed ledgers " + list + ": "
                    + Journal.describe(e) + ".", e);
        }
    }

    /** An action on the list that may fail with an I/O error. */
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
