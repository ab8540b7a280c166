package io.releaseledger.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's policy: {@value #FILE_NAME} in the application's ledger directory, beside the journal, so that the
 * operators who own the ledger set it, never a workspace. No file: no approvals, no freeze windows.
 */
public final class PolicyFile {
    public static final String FILE_NAME = "policy.json";

    private PolicyFile() {
    }

    /** @throws PolicyException when the file cannot be read or is not a valid policy; names the file and the fix */
    public static ReleasePolicy load(final Path ledgerDirectory) {
        Path file = ledgerDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return ReleasePolicy.none();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException("Cannot read the policy " + file + ": " + e.getMessage() + ". Make it readable, "
                    + "or remove it to deploy without approvals and freeze windows.");
        }
        return new PolicyReader(file.toString()).read(text);
    }
}
