package io.releaseledger.cli;

import io.releaseledger.agent.AgentEnvironment;
import io.releaseledger.agent.AgentOperation;
import io.releaseledger.agent.AgentProtocolException;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployOperation;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.agent.DriftOperation;
import io.releaseledger.agent.SmokeOperation;
import io.releaseledger.git.JGitRepository;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.scm.GitCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code release-ledger agent}: the process the Jenkins plugin starts on an agent. One request (JSON) and one
 * response (JSON), as files ({@code --request}, {@code --response}: the plugin's way, since {@code docker exec}
 * without {@code -i} and the Kubernetes container decorator carry no stdin) or on stdin and stdout; secrets only from
 * the environment (RELEASE_LEDGER_GIT_*, RELEASE_LEDGER_REGISTRY_*, RELEASE_LEDGER_CREDENTIAL_*). The deploy and
 * smoke operations also write their progress to stderr as it happens.
 */
@Command(name = "agent", hidden = true, mixinStandardHelpOptions = true,
        description = {"Read one agent request (JSON), run it, write one response (JSON).",
            "Used by the Jenkins plugin; see docs/architecture.md for the protocol."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the response is ok", "1:the response is an error", "2:usage error"})
final class AgentCommand implements Callable<Integer> {
    /** A request carries options and at most a 1 MiB descriptor; the plugin reads responses up to the same 16 MiB. */
    static final int REQUEST_LIMIT = 16 * 1024 * 1024;

    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from FILE (default: stdin).")
    private Path requestFile;

    @Option(names = "--response", paramLabel = "FILE",
            description = "Write the response to FILE, atomically (default: stdout).")
    private Path responseFile;

    @Override
    public Integer call() {
        Map<String, String> environment = root.getContext().getEnvironment();
        SecretMask mask = SecretValues.mask(environment, null);
        Messages messages = new Messages();
        AgentResponse response;
        try {
            AgentRequest request = AgentRequest.fromJson(readRequest());
            GitCredentials credentials = AgentEnvironment.gitCredentials(environment);
            mask = SecretValues.mask(environment, credentials);
            Map<String, AgentOperation> operations = operations(credentials, environment, live(mask));
            AgentOperation operation = operations.get(request.getOperation());
            if (operation == null) {
                throw new AgentProtocolException("unknown operation \"" + request.getOperation()
                        + "\"; this agent knows " + String.join(", ", operations.keySet())
                        + " (are the plugin and its CLI jar from the same release?)");
            }
            response = AgentResponse.success(mask.maskValues(operation.run(request, messages)), masked(messages, mask));
        } catch (RuntimeException e) {
            // The error goes into the response only: the controller prints it, stderr would repeat it in the log.
            ErrorReporter errors = new ErrorReporter(spec, spec.commandLine().getErr(), root.isDebug(), mask);
            errors.printStackTraceIfDebug(e);
            response = AgentResponse.failure(errors.message(e), masked(messages, mask));
        }
        // Masked value by value above: masking the JSON text could break it (a secret equal to true).
        String json = response.toJson();
        if (responseFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(json);
            out.flush();
        } else if (!writeResponse(json)) {
            return ReleaseLedgerCli.FAILURE;
        }
        return response.isOk() ? 0 : ReleaseLedgerCli.FAILURE;
    }

    private String readRequest() {
        try {
            byte[] bytes;
            if (requestFile != null) {
                try (InputStream in = Files.newInputStream(requestFile)) {
                    bytes = in.readNBytes(REQUEST_LIMIT + 1);
                }
            } else {
                bytes = root.getContext().getStdin().readNBytes(REQUEST_LIMIT + 1);
            }
            if (bytes.length > REQUEST_LIMIT) {
                throw new AgentProtocolException("the agent request from "
                        + (requestFile == null ? "stdin" : requestFile) + " is larger than 16 MiB (" + REQUEST_LIMIT
                        + " bytes), the most an agent reads; it was not read");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentProtocolException("cannot read the agent request from "
                    + (requestFile == null ? "stdin" : requestFile) + ": " + e.getMessage());
        }
    }

    /** Temp file beside the target, then a rename: the controller never reads half a response. */
    private boolean writeResponse(final String json) {
        Path target = responseFile.toAbsolutePath();
        Path partial = null;
        try {
            partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            Files.writeString(partial, json + System.lineSeparator(), StandardCharsets.UTF_8);
            if (Files.getFileStore(partial).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // Readable by the Jenkins agent when the container runs as another user (root in a Kubernetes pod);
                // the response holds no secret (masked above).
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("release-ledger agent: cannot write the response to " + target + ": " + e.getMessage());
            err.flush();
            return false;
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(final Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left behind in the workspace's @tmp; the controller's clean-up does not need it
            }
        }
    }

    /** Deploy progress goes to stderr line by line as it happens: the plugin copies it to the build log live. */
    private java.util.function.Consumer<String> live(final SecretMask mask) {
        PrintWriter err = spec.commandLine().getErr();
        return line -> {
            synchronized (err) {
                err.println(mask.mask(line));
                err.flush();
            }
        };
    }

    /** The operations this agent runs; the only place where the protocol meets JGit. */
    private static Map<String, AgentOperation> operations(final GitCredentials credentials,
            final Map<String, String> environment, final java.util.function.Consumer<String> live) {
        // semverTag first, then the deploy operations: the order "this agent knows …" lists them in.
        Map<String, AgentOperation> operations = new LinkedHashMap<>();
        AgentOperation semverTag = new SemverTagOperation(JGitRepository::open)
                .setCredentials(credentials)
                .setEnvironment(SecretValues.withoutSecrets(environment));
        operations.put(semverTag.getName(), semverTag);
        for (DeployOperation deploy : DeployOperation.all(environment, live)) {
            operations.put(deploy.getName(), deploy);
        }
        AgentOperation smoke = new SmokeOperation(environment, live);
        operations.put(smoke.getName(), smoke);
        AgentOperation drift = new DriftOperation(environment);
        operations.put(drift.getName(), drift);
        return operations;
    }

    private static List<Message> masked(final Messages messages, final SecretMask mask) {
        List<Message> masked = new ArrayList<>();
        for (Message message : messages.getAll()) {
            masked.add(new Message(message.getLevel(), mask.mask(message.getText())));
        }
        return masked;
    }
}
