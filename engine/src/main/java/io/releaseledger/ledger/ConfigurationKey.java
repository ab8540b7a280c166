package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The ledger's secret key for the keyed hashes of a deployment's configuration values: 32 random bytes in
 * {@value #FILE_NAME} beside the journal (owner-only), made once. Without it a hash in the ledger cannot be tested
 * against guessed values; with it the same value always gives the same hash, so "changed" can be told.
 */
final class ConfigurationKey {
    static final String FILE_NAME = "configuration.key";
    private static final int BYTES = 32;

    private ConfigurationKey() {
    }

    /** The key (base64), made when missing; two processes making it at once end up with the same one. */
    static String of(final Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
                try {
                    restrict(temporary);
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                    try {
                        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException raced) {
                        // another process made it first: use theirs
                    }
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (Base64.getDecoder().decode(key).length != BYTES) {
                throw new ReleaseLedgerException(file + " is not a configuration key; delete it (the next deploy "
                        + "makes a new one and shows every value as not comparable once).");
            }
            return key;
        } catch (AccessDeniedException e) {
            throw new ReleaseLedgerException("Cannot read or create " + file + ": permission denied.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ReleaseLedgerException("Cannot read or create " + file + " (" + e.getMessage() + ").", e);
        }
    }

    private static void restrict(final Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL applies
        }
    }
}
