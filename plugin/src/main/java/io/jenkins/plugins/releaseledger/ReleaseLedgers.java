package io.jenkins.plugins.releaseledger;

import hudson.Extension;
import hudson.ExtensionList;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.Verification;
import java.io.File;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The controller's ledgers: {@code $JENKINS_HOME/release-ledger/<application>/}, opened on first use and kept open,
 * plus the in-memory index of the applications each job touched ({@code release-ledger/jobs.json}).
 */
@Extension
public final class ReleaseLedgers {
    static final String DIRECTORY = "release-ledger";

    private volatile LedgerStore store;

    public static ReleaseLedgers get() {
        return ExtensionList.lookupSingleton(ReleaseLedgers.class);
    }

    /** The applications the job recorded events for, first touched first. No I/O after the first call. */
    public List<String> applicationsOf(final String jobFullName) {
        return store().applicationsOf(jobFullName);
    }

    /**
     * Appends an event to the application's ledger on behalf of a job. Builds of change requests may append
     * restricted events only when the administrator allows it ({@link ReleaseLedgerConfiguration}).
     */
    public void append(final String jobFullName, final String application, final EventDraft draft) {
        store().append(jobFullName, application, draft, ReleaseLedgerConfiguration.get().isAllowChangeRequests());
    }

    /** The application's ledger for the deploy commands and the clear-bad action (see {@link LedgerStore#ledgerFor}). */
    Ledger ledger(final String jobFullName, final String application) {
        return store().ledgerFor(jobFullName, application, ReleaseLedgerConfiguration.get().isAllowChangeRequests());
    }

    public LedgerView view(final String application) {
        return store().view(application);
    }

    public Verification verify(final String application) {
        return store().verify(application);
    }

    boolean hasVersionTagged(final String application, final String version) {
        return store().hasVersionTagged(application, version);
    }

    private LedgerStore store() {
        LedgerStore current = store;
        if (current == null) {
            synchronized (this) {
                current = store;
                if (current == null) {
                    current = new LedgerStore(new File(Jenkins.get().getRootDir(), DIRECTORY).toPath());
                    store = current;
                }
            }
        }
        return current;
    }
}
