package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads the events of a journal from its start up to a byte offset the ledger has already read, checking every
 * link again: the file is append-only up to that offset, so no lock is needed, and an edit made since the ledger
 * read it is found rather than believed.
 */
final class JournalReader {
    private static final int MAX_LINE = 64 << 20;

    private final Path file;
    private final String application;
    private final LedgerKeys keys;

    JournalReader(final Path file, final String application, final LedgerKeys keys) {
        this.file = file;
        this.application = application;
        this.keys = keys;
    }

    /** Feeds every event before {@code end} to {@code sink}, oldest first. */
    void read(final long end, final Consumer<LedgerEvent> sink) {
        if (end <= 0) {
            return;
        }
        JournalChain chain = new JournalChain(application, keys);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            JournalLines lines = new JournalLines(in, 0, end, MAX_LINE);
            String line;
            while ((line = lines.next()) != null) {
                LedgerEvent event = chain.next(line);
                if (event == null) {
                    throw new ReleaseLedgerException("The ledger journal " + file + " is damaged at sequence "
                            + chain.getProblemSequence() + ": " + chain.getProblem() + ". Run `release-ledger verify`.");
                }
                sink.accept(event);
            }
        } catch (NoSuchFileException e) {
            throw new ReleaseLedgerException("The ledger journal " + file + " is missing.", e);
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot read the ledger journal " + file + " (" + e.getMessage() + ").", e);
        } catch (JournalLines.TooLong e) {
            throw new ReleaseLedgerException("The ledger journal " + file + " holds a line longer than " + MAX_LINE
                    + " bytes; it was not written by Release Ledger.", e);
        }
    }
}
