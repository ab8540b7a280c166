package io.releaseledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The top command's usage help as picocli renders it (without colours), kept as a resource so that
 * {@code release-ledger --help} starts no picocli model of every command. {@code UsageTextTest} fails when the
 * resource differs from what picocli renders, and says how to write it again.
 */
final class UsageText {
    static final String RESOURCE = "usage.txt";

    private UsageText() {
    }

    /** Prints the usage help; {@code false} when the resource is missing (then picocli renders it). */
    static boolean print(final PrintStream out) {
        try (InputStream in = UsageText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            out.write(in.readAllBytes());
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
