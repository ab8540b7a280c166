package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.PolicyFile;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the commands that change an environment or a release share ({@code deploy}, {@code promote},
 * {@code rollback}, {@code mark-bad}, {@code clear-bad}): the release descriptor, the ledger options (the application
 * defaults to the descriptor's), who acts (the system user, origin {@code cli}, as {@code tag} records it), the
 * engine's messages on stderr, and errors as {@code release-ledger <command>: <message>} with exit code 1.
 */
abstract class ReleaseCommandBase implements Callable<Integer> {
    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private LedgerOptions ledgerOptions;

    @Option(names = "--descriptor", paramLabel = "FILE",
            description = "The release descriptor (default: release-ledger.yaml in the -C directory; a relative path"
                    + " is resolved against that directory).")
    private Path descriptorFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override one value of the descriptor, e.g. environments.staging.strategy=recreate"
                    + " (repeatable; validated like the file; not application, an environment's name or protected).")
    private List<String> overrides = new ArrayList<>();

    // Not mixinStandardHelpOptions: its -V, --version would take the --version of these commands.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private ReleaseDescriptor descriptor;
    private Map<String, String> environment;
    private PrintWriter out;
    private PrintWriter err;
    private Messages messages;
    private Path temporaryRoot;
    private Path ledgerRoot;
    private List<String> secrets = List.of();

    /** Runs the command; returns the exit code. */
    abstract int run(Ledger ledger) throws Exception;

    /** Whether errors also go to stdout as {@code {"error": …}}. */
    boolean isJson() {
        return false;
    }

    /** The exit code of an error (default {@link ReleaseLedgerCli#FAILURE}); drift keeps 1 for "drifted". */
    int errorExitCode() {
        return ReleaseLedgerCli.FAILURE;
    }

    /** Whether the command needs the descriptor (mark-bad and clear-bad only read it for the application). */
    boolean needsDescriptor() {
        return true;
    }

    /** Secrets this command holds (read before anything is printed), masked in everything printed. */
    List<String> secrets(final Map<String, String> environment) {
        return List.of();
    }

    @Override
    public final Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        environment = root.getContext().getEnvironment();
        ErrorReporter errors = new ErrorReporter(spec, err, root.isDebug(), SecretValues.mask(environment, null));
        Ledger ledger = null;
        try {
            List<String> secrets = new ArrayList<>(secrets(environment));
            String registryPassword = environment.get(RegistryOptions.PASSWORD_VARIABLE);
            if (registryPassword != null && !registryPassword.isEmpty()) {
                secrets.add(registryPassword);
            }
            SecretMask mask = new SecretMask(secrets);
            errors = new ErrorReporter(spec, err, root.isDebug(), mask);
            messages = new Messages(new ConsoleMessages(err, root.isQuiet(), mask)::print);
            Path ledgerRoot = ledgerOptions.root(environment);
            this.ledgerRoot = ledgerRoot;
            this.secrets = List.copyOf(secrets);
            ledger = open(ledgerRoot, application(ledgerRoot));
            return run(ledger);
        } catch (Exception e) {
            String message = errors.report(e);
            if (isJson()) {
                out.println(Json.writePretty(Map.of("error", message)));
            }
            return errorExitCode();
        } finally {
            LedgerText.closeQuietly(ledger);
            deleteTemporaryRoot();
            out.flush();
            err.flush();
        }
    }

    /** Whether this run only reads the ledger (a dry run): it then changes nothing, not even by creating it. */
    boolean readsOnly() {
        return false;
    }

    private Ledger open(final Path ledgerRoot, final String application) throws IOException {
        LedgerKeyFile keyFile = ledgerOptions.keyFile(environment);
        if (!readsOnly()) {
            return Ledger.open(ledgerRoot, application, messages, keyFile.forWriting(ledgerRoot));
        }
        if (Ledger.applications(ledgerRoot).contains(application)) {
            return Ledger.openForReading(ledgerRoot, application, messages, keyFile.forReading(ledgerRoot));
        }
        // Nothing recorded yet: plan against an empty ledger that is deleted again, leaving the ledger root as it was.
        Path empty = Files.createTempDirectory("release-ledger-dry-run");
        temporaryRoot = empty;
        return Ledger.open(empty, application, messages);
    }

    /**
     * The application: {@code --application}, else the descriptor's; for commands that do not need the descriptor,
     * when there is none, the only ledger under the root. Those commands never create a ledger.
     */
    private String application(final Path ledgerRoot) {
        if (needsDescriptor()) {
            return ledgerOptions.application() != null ? ledgerOptions.application() : descriptor().getApplication();
        }
        String application = ledgerOptions.application();
        if (application == null && Files.isRegularFile(descriptorPath())) {
            application = descriptor().getApplication();
        }
        if (application == null) {
            return ledgerOptions.existingApplication(ledgerRoot);
        }
        List<String> known = Files.isDirectory(ledgerRoot) ? Ledger.applications(ledgerRoot) : List.of();
        if (!known.contains(application)) {
            throw new ReleaseLedgerException("no ledger for application \"" + application + "\" under " + ledgerRoot
                    + (known.isEmpty() ? " (there is none yet)" : "; known: " + String.join(", ", known))
                    + ". Give the ledger directory with --ledger or " + LedgerOptions.HOME_VARIABLE + ".");
        }
        return application;
    }

    Path descriptorPath() {
        Path directory = root.getRepository();
        return descriptorFile == null ? directory.resolve(DescriptorLoader.DEFAULT_FILE_NAME)
                : directory.resolve(descriptorFile).normalize();
    }

    /** The descriptor, loaded once; every problem is reported at once (exit code 1). */
    ReleaseDescriptor descriptor() {
        if (descriptor == null) {
            descriptor = DescriptorLoader.load(descriptorPath()).withOverrides(overrides());
        }
        return descriptor;
    }

    /** The {@code --set} options by key; a value without {@code =} is a usage error naming it. */
    private Map<String, String> overrides() {
        Map<String, String> byKey = new java.util.LinkedHashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new ReleaseLedgerException("--set '" + override + "' is not PATH=VALUE; write e.g. --set "
                        + "environments.staging.strategy=recreate");
            }
            byKey.put(override.substring(0, equals).trim(), override.substring(equals + 1));
        }
        return byKey;
    }

    Map<String, String> environment() {
        return environment;
    }

    PrintWriter out() {
        return out;
    }

    private void deleteTemporaryRoot() {
        if (temporaryRoot == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(temporaryRoot)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            messages.warning("Could not delete the dry run's temporary ledger %s: %s", temporaryRoot, e.getMessage());
        }
        temporaryRoot = null;
    }

    Messages messages() {
        return messages;
    }

    /** The directory of the ledgers, where {@code notifications.json} lives. */
    Path ledgerRoot() {
        return ledgerRoot;
    }

    /** The secrets this run masks in its output. */
    List<String> maskedSecrets() {
        return secrets;
    }

    Actor actor() {
        String user = TagRecorder.userName(environment);
        return new Actor(user, user);
    }

    /** The environment's approvals and freeze windows from the policy file beside the application's ledger. */
    EnvironmentPolicy policy(final Ledger ledger, final String environmentName) {
        return PolicyFile.load(ledger.getDirectory()).forEnvironment(environmentName);
    }

    Origin origin() {
        return Origin.cli(TagRecorder.userName(environment), TagRecorder.hostName(environment));
    }
}
