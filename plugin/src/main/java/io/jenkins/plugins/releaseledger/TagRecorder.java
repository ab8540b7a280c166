package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;

/** After the agent tagged: the controller records {@code version.tagged} in the application's ledger. */
final class TagRecorder {
    private TagRecorder() {
    }

    static void record(final String stepName, final Run<?, ?> run, final Map<String, String> environment,
            final String applicationParameter, final Map<String, Object> result, final UnaryOperator<String> mask,
            final TaskListener listener) throws AbortException {
        TagEvent.Decision decision = TagEvent.decide(result);
        if (decision == TagEvent.Decision.NONE) {
            return;
        }
        String job = run.getParent().getFullName();
        String application = Applications.of(applicationParameter, job);
        String version = TagEvent.version(result);
        ReleaseLedgers ledgers = ReleaseLedgers.get();
        try {
            if (decision == TagEvent.Decision.RECORD_IF_MISSING && ledgers.hasVersionTagged(application, version)) {
                listener.getLogger().println(stepName + ": version " + version + " is already in the ledger of '" + application + "'");
                return;
            }
            Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
            Actor actor = cause == null ? BuildIdentity.actor(null, null) : BuildIdentity.actor(cause.getUserId(), cause.getUserName());
            Origin origin = BuildIdentity.origin(job, run.getNumber(), rootUrl(), run.getUrl(), environment);
            ledgers.append(job, application, TagEvent.draft(result, actor, origin, mask));
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

    private static String rootUrl() {
        try {
            return Jenkins.get().getRootUrl();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
