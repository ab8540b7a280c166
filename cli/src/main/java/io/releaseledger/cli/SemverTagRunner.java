package io.releaseledger.cli;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.agent.SemverTagOperation;
import io.releaseledger.git.JGitRepository;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;
import io.releaseledger.scm.GitCredentials;
import io.releaseledger.semver.SemverTagResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code version} and {@code tag} share: they run the same {@code semverTag} operation as the agent, so the
 * CLI, the agent and the Jenkins step read options and write results the same way.
 */
abstract class SemverTagRunner implements Callable<Integer> {
    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SemverOptions semver;

    @Mixin
    private CredentialOptions credentials;

    /** Adds the options that differ between the commands. */
    abstract void addOptions(Map<String, Object> options);

    /** Runs before the operation (tag starts opening its ledger meanwhile). */
    void beforeOperation(final Map<String, String> environment, final Messages messages) {
    }

    /** Runs last, whatever happened (tag closes a ledger it opened and did not use). */
    void afterRun() {
    }

    /** Told before each push what the run gives if it succeeds (tag seals its ledger event meanwhile); null: none. */
    Consumer<SemverTagResult> beforePush() {
        return null;
    }

    /** The full result object of {@code outcome}; tag may have made it beside the push. */
    Map<String, Object> fullResult(final SemverTagResult outcome) {
        return SemverTagOperation.toResult(outcome);
    }

    /** Runs after the operation succeeded, before the result is printed (tag records it in the ledger). */
    void afterSuccess(final SemverTagResult outcome, final Map<String, Object> result,
            final Map<String, String> environment, final Messages messages) {
    }

    /**
     * Whether {@link #afterSuccess} and {@link #printResult} read more of the result than its {@code version}; without
     * {@code --json}, a command that answers false gets a result holding only the version.
     */
    boolean needsFullResult() {
        return true;
    }

    /** Prints the result for people: stdout gets only what a script would capture. */
    abstract void printResult(Map<String, Object> result, PrintWriter out, PrintWriter err);

    ReleaseLedgerCommand root() {
        return root;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> environment = root.getContext().getEnvironment();
        ErrorReporter errors = new ErrorReporter(spec, err, root.isDebug(), SecretValues.mask(environment, null));
        try {
            GitCredentials gitCredentials = credentials.credentials(environment);
            SecretMask mask = SecretValues.mask(environment, gitCredentials);
            errors = new ErrorReporter(spec, err, root.isDebug(), mask);
            Map<String, Object> options = new LinkedHashMap<>();
            semver.addTo(options);
            addOptions(options);
            Messages messages = new Messages(new ConsoleMessages(err, root.isQuiet(), mask)::print);

            beforeOperation(environment, messages);
            long started = PhaseTimings.start();
            SemverTagOperation operation = new SemverTagOperation(JGitRepository::open);
            Consumer<SemverTagResult> beforePush = beforePush();
            if (beforePush != null) {
                operation.setBeforePush(beforePush);
            }
            SemverTagResult outcome = operation
                    .setCredentials(gitCredentials)
                    .setEnvironment(SecretValues.withoutSecrets(environment))
                    .call(new AgentRequest(SemverTagOperation.NAME, root.getRepository().toString(), options),
                            messages);
            PhaseTimings.end("semverTag operation", started);
            started = PhaseTimings.start();
            // The result object lists every commit counted (50,000 of them on a large history): made only when
            // something reads it.
            Map<String, Object> result = semver.isJson() || needsFullResult() ? fullResult(outcome)
                    : Map.of("version", outcome.getVersion());
            PhaseTimings.end("result object", started);
            started = PhaseTimings.start();
            afterSuccess(outcome, result, environment, messages);
            PhaseTimings.end("after success (tag: the ledger)", started);

            if (semver.isJson()) {
                out.println(Json.writePretty(mask.maskValues(result)));
            } else {
                printResult(result, out, err);
            }
            return 0;
        } catch (RuntimeException e) {
            String message = errors.report(e);
            if (semver.isJson()) {
                out.println(Json.writePretty(Map.of("error", message)));
            }
            return ReleaseLedgerCli.FAILURE;
        } finally {
            afterRun();
            out.flush();
            err.flush();
        }
    }
}
