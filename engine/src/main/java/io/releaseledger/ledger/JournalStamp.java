package io.releaseledger.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Size and modification time of a journal: an append or an edit through the file system changes one of them. Public
 * for the Jenkins controller's cache of {@code verify} answers.
 */
public final class JournalStamp {
    private final long size;
    private final long modified;

    private JournalStamp(final long size, final long modified) {
        this.size = size;
        this.modified = modified;
    }

    /** The stamp of {@code journal}, or {@code null} when it cannot be read. */
    public static JournalStamp of(final Path journal) {
        try {
            BasicFileAttributes attributes = LedgerIo.call(() -> {
                try {
                    return Files.readAttributes(journal, BasicFileAttributes.class);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new JournalStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof JournalStamp that && size == that.size && modified == that.modified;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Long.hashCode(modified);
    }
}
