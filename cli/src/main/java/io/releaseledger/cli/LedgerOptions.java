package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the ledgers live and which one a command uses: {@code --ledger DIR} (else {@code $RELEASE_LEDGER_HOME},
 * else {@code ~/.release-ledger}), {@code --application NAME}, and the ledger key file ({@code --ledger-key FILE}).
 */
final class LedgerOptions {
    static final String HOME_VARIABLE = "RELEASE_LEDGER_HOME";

    @Option(names = "--ledger", paramLabel = "DIR",
            description = "The directory holding one ledger per application (default: $RELEASE_LEDGER_HOME, else ~/.release-ledger).")
    private Path ledger;

    @Option(names = "--ledger-key", paramLabel = "FILE",
            description = "The ledger key file, outside the ledger directory (default: $RELEASE_LEDGER_KEY_FILE, else "
                    + "~/.config/release-ledger/ledger.key, created with mode 0600 by the first command that records).")
    private Path ledgerKey;

    @Option(names = "--application", paramLabel = "NAME",
            description = "The application whose ledger to use.")
    private String application;

    /** The ledger root: the option, else the environment variable, else {@code ~/.release-ledger}. */
    Path root(final Map<String, String> environment) {
        if (ledger != null) {
            return ledger.toAbsolutePath().normalize();
        }
        String home = environment.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".release-ledger").toAbsolutePath().normalize();
    }

    /** The ledger key file: the option, else the environment variable, else the default. */
    LedgerKeyFile keyFile(final Map<String, String> environment) {
        return LedgerKeyFile.locate(ledgerKey, environment);
    }

    /** The application given, or {@code null}. */
    String application() {
        return application == null || application.isBlank() ? null : application;
    }

    /** Whether {@code application} has no ledger under the root yet (not even a directory whose journal is gone). */
    boolean withoutLedger(final Path root, final String application) {
        List<String> applications = Files.isDirectory(root) ? Ledger.applications(root) : List.of();
        return !applications.contains(application) && !Ledger.applicationsWithoutJournal(root).contains(application);
    }

    /**
     * The application of an existing ledger: the one given (which must exist), else the only one under the root.
     * Reading commands never create a ledger by accident.
     */
    String existingApplication(final Path root) {
        return existingApplication(root, application());
    }

    /** As {@link #existingApplication(Path)}, for {@code given} (from the option or the descriptor) or any. */
    String existingApplication(final Path root, final String given) {
        List<String> applications = Files.isDirectory(root) ? new ArrayList<>(Ledger.applications(root)) : List.of();
        // A ledger directory whose journal was deleted or replaced is opened, so that the engine says what is wrong.
        List<String> withoutJournal = Ledger.applicationsWithoutJournal(root);
        if (given != null) {
            if (!applications.contains(given) && !withoutJournal.contains(given)) {
                throw new ReleaseLedgerException("no ledger for application \"" + given + "\" under " + root
                        + (applications.isEmpty() ? " (there is none yet)" : "; known: " + String.join(", ", applications))
                        + ". Give the ledger directory with --ledger or " + HOME_VARIABLE + ".");
            }
            return given;
        }
        if (applications.size() == 1 && withoutJournal.isEmpty()) {
            return applications.get(0);
        }
        if (applications.isEmpty() && withoutJournal.size() == 1) {
            return withoutJournal.get(0);
        }
        if (applications.isEmpty() && withoutJournal.isEmpty()) {
            throw new ReleaseLedgerException("no ledger under " + root + ": nothing has been recorded there yet."
                    + " Give the ledger directory with --ledger or " + HOME_VARIABLE + ".");
        }
        List<String> all = new ArrayList<>(applications);
        all.addAll(withoutJournal);
        all.sort(null);
        throw new ReleaseLedgerException("several applications have a ledger under " + root + ": "
                + String.join(", ", all) + "; choose one with --application");
    }
}
