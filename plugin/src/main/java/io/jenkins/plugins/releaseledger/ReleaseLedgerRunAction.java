package io.jenkins.plugins.releaseledger;

import hudson.model.Action;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What a build recorded in the release ledgers (versioned; later also deployed, checked, rolled back), shown on the
 * build page with links to the job's Releases page and exported in the build's REST API. One per build.
 */
@ExportedBean
public final class ReleaseLedgerRunAction implements Action {
    private final List<RecordedEvent> events = new ArrayList<>();

    /** Adds the event to the build's action, creating the action on the first event. */
    static void record(final Run<?, ?> run, final RecordedEvent event) {
        synchronized (run) { // parallel branches of one build
            ReleaseLedgerRunAction action = run.getAction(ReleaseLedgerRunAction.class);
            if (action == null) {
                action = new ReleaseLedgerRunAction();
                action.add(event);
                run.addAction(action);
            } else {
                action.add(event);
            }
        }
    }

    synchronized void add(final RecordedEvent event) {
        events.add(event);
    }

    @Exported(inline = true)
    public synchronized List<RecordedEvent> getEvents() {
        return List.copyOf(events);
    }

    @Override
    public String getIconFileName() {
        return null; // shown in the build summary (summary.jelly), not as a side-panel link
    }

    @Override
    public String getDisplayName() {
        return "Release Ledger";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
