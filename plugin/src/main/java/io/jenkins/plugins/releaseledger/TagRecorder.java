package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.VersionTagged;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code semverTag} and the ledger: before the agent tags, the job must own the application; after it tagged, the
 * controller records {@code version.tagged} through the engine's {@link VersionTagged}, as the CLI does.
 */
final class TagRecorder {
    private TagRecorder() {
    }

    /** Refuses, before anything is tagged, a job that does not own the application whose ledger it would record in. */
    static void checkOwner(final String stepName, final Run<?, ?> run, final String applicationParameter)
            throws AbortException {
        String application = Applications.of(applicationParameter, run.getParent().getFullName());
        String refusal = ReleaseLedgers.get().refusal(run.getParent(), application);
        if (refusal != null) {
            throw new AbortException(stepName + ": " + refusal + " Nothing was tagged.");
        }
    }

    static void record(final String stepName, final Run<?, ?> run, final Map<String, String> environment,
            final String applicationParameter, final Map<String, Object> result, final UnaryOperator<String> mask,
            final TaskListener listener) throws AbortException {
        VersionTagged tagged = new VersionTagged(result).setMask(mask);
        if (!tagged.isRecordable()) {
            return;
        }
        String application = Applications.of(applicationParameter, run.getParent().getFullName());
        String version = tagged.getVersion();
        DeployIdentity identity = DeployIdentity.get();
        try {
            boolean recorded = tagged.record(ReleaseLedgers.get().ledger(run.getParent(), application),
                    identity.actor(run), identity.origin(run, environment));
            if (!recorded) {
                listener.getLogger().println(stepName + ": version " + version + " is already in the ledger of '"
                        + application + "'");
                return;
            }
        } catch (ReleaseLedgerException | UncheckedIOException e) {
            throw new AbortException(stepName + ": version " + version + " was tagged, but recording it in the ledger of '"
                    + application + "' failed: " + mask.apply(e.getMessage())
                    + ". Running the build again records it without tagging again.");
        }
        Object tag = result.get("tag");
        ReleaseLedgerRunAction.record(run, new RecordedEvent(EventTypes.VERSION_TAGGED, application, null, version,
                "tagged " + version + (tag instanceof String text ? " (" + mask.apply(text) + ")" : "")));
        listener.getLogger().println(stepName + ": recorded version " + version + " in the ledger of '" + application + "'");
    }
}
