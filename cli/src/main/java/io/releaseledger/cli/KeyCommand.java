package io.releaseledger.cli;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.SealedLedgers;
import io.releaseledger.report.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code release-ledger key id|rotate|lost|forget}: the ledger key file and its list of sealed ledgers. Prints key ids
 * and paths, never a key.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"The ledger key that seals every event and checkpoint (HMAC-SHA-256), kept outside the ledger.",
            "See docs/security.md, \"Ledger integrity\"."},
        subcommands = {KeyCommand.Id.class, KeyCommand.Rotate.class, KeyCommand.Lost.class, KeyCommand.Forget.class})
final class KeyCommand implements Runnable {
    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: id, rotate, lost or forget");
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

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Forget a ledger in the list of sealed ledgers beside the key file, so that a new ledger can",
                "start at its path after it was deleted on purpose. Refused while a journal with events is there;",
                "--accept-restore instead accepts a journal restored on purpose from an older backup."})
    static final class Forget extends Base {
        @Parameters(paramLabel = "LEDGER_DIR", description = "The ledger's directory, as verify names it.")
        private Path directory;

        @Option(names = "--accept-restore", description = {"The journal there was restored from an older backup on "
                + "purpose: check it and move its high-water mark back to the event it ends with."})
        private boolean acceptRestore;

        @Override
        void run(final LedgerKeyFile file, final Path ledgerRoot, final PrintWriter out) {
            LedgerKeys keys = file.forReading(ledgerRoot);
            if (keys.getSealedLedgers() == null) {
                out.println("there is no ledger key file " + file.getFile() + ", so no list of sealed ledgers: nothing "
                        + "to forget");
                return;
            }
            Messages messages = new Messages();
            SealedLedgers sealed = new SealedLedgers(keys, messages);
            if (acceptRestore) {
                sealed.acceptRestore(directory);
            } else {
                sealed.forget(directory);
            }
            messages.getAll().forEach(message -> out.println(message.getText()));
        }
    }
}
