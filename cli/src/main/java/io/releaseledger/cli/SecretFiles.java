package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretFile;
import java.io.IOException;
import java.nio.file.Path;

/** The secret files options name ({@code --password-file} and the like): bounded, checked, without the final newline. */
final class SecretFiles {
    private SecretFiles() {
    }

    static String read(final Path file, final String what, final String option) {
        String text;
        try {
            text = SecretFile.read(file, SecretFile.MAX_BYTES);
        } catch (SecretFile.TooLargeException e) {
            throw new ReleaseLedgerException(option + " " + file + " is larger than "
                    + SecretFile.describe(SecretFile.MAX_BYTES) + "; a " + what + " file holds one " + what
                    + " (at most " + SecretFile.describe(SecretFile.MAX_BYTES) + "): check the path");
        } catch (IOException e) {
            // The exception text names the file only; nothing of its content.
            throw new ReleaseLedgerException("cannot read the " + what + " file " + file + " (" + option + "): "
                    + e.getClass().getSimpleName());
        }
        // Editors and `echo` add a final newline that is not part of the secret.
        String secret = text.replaceAll("[\r\n]+$", "");
        if (secret.isEmpty()) {
            throw new ReleaseLedgerException("the " + what + " file " + file + " (" + option + ") is empty");
        }
        return secret;
    }
}
