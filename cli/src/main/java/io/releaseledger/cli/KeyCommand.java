package io.releaseledger.cli;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.ledger.LedgerKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code release-ledger key id|rotate|lost}: the ledger key file. Prints key ids and the file's path, never a key.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"The ledger key that seals every event and checkpoint (HMAC-SHA-256), kept outside the ledger.",
            "See docs/security.md, \"Ledger integrity\"."},
        subcommands = {KeyCommand.Id.class, KeyCommand.Rotate.class, KeyCommand.Lost.class})
final class KeyCommand implements Runnable {
    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: id, rotate or lost");
    }

    /** What the key commands share: the ledger options (the key must be outside the ledger) and error reporting. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        private KeyCommand key;

        @Spec
        private CommandSpec spec;

        @Mixin
        private LedgerOptions ledgerOptions;

        abstract void run(LedgerKeyFile file, Path ledgerRoot, PrintWriter out);

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Map<String, String> environment = key.root.getContext().getEnvironment();
                run(ledgerOptions.keyFile(environment), ledgerOptions.root(environment), out);
                return 0;
            } catch (RuntimeException e) {
                new ErrorReporter(spec, err, key.root.isDebug(), new SecretMask(List.of())).report(e);
                return ReleaseLedgerCli.FAILURE;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "id", mixinStandardHelpOptions = true,
            description = "Print the id of the key that seals new events (creates the key file when missing).")
    static final class Id extends Base {
        @Override
        void run(final LedgerKeyFile file, final Path ledgerRoot, final PrintWriter out) {
            LedgerKeys keys = file.forWriting(ledgerRoot);
            out.println(keys.getCurrent().getId() + "  " + file.getFile());
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Add a new key: it seals every ledger's events from its next event on (each ledger records",
                "ledger.key-rotated, sealed with the old key); the old keys stay in the file to verify what they sealed."})
    static final class Rotate extends Base {
        @Override
        void run(final LedgerKeyFile file, final Path ledgerRoot, final PrintWriter out) {
            out.println("new ledger key " + file.rotate(ledgerRoot) + " in " + file.getFile()
                    + "; the earlier keys are kept to verify what they sealed");
        }
    }

    @Command(name = "lost", mixinStandardHelpOptions = true,
            description = {"Declare a key lost (its secret is gone, e.g. the key file was restored from an older",
                "backup): its events are read as not authenticated, and the next event written seals them with the",
                "current key. Run `key rotate` first if the file holds no other key."})
    static final class Lost extends Base {
        @Parameters(paramLabel = "KEY_ID", description = "The id of the lost key (16 hex digits, as verify names it).")
        private String keyId;

        @Override
        void run(final LedgerKeyFile file, final Path ledgerRoot, final PrintWriter out) {
            file.declareLost(keyId, ledgerRoot);
            out.println("ledger key " + keyId + " declared lost in " + file.getFile());
        }
    }
}
