package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.Verification;
import java.io.File;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The controller's ledgers: {@code $JENKINS_HOME/release-ledger/<application>/}, opened on first use and kept open,
 * plus the in-memory index of the applications each job touched and who claimed them ({@code release-ledger/jobs.json}).
 * A job reaches only the ledgers of applications it owns ({@link ApplicationOwnership}); the refusal is an
 * {@link ApplicationNotOwnedException} whose message names the setting to change.
 */
@Extension
public final class ReleaseLedgers {
    static final String DIRECTORY = "release-ledger";

    private final JenkinsFacade jenkins = new JenkinsFacade();
    private volatile LedgerStore store;

    public static ReleaseLedgers get() {
        return ExtensionList.lookupSingleton(ReleaseLedgers.class);
    }

    /** The applications the job recorded events for, first touched first. No I/O after the first call. */
    public List<String> applicationsOf(final String jobFullName) {
        return store().applicationsOf(jobFullName);
    }

    /** Why the job may not use the application's ledger; {@code null} when it owns it. */
    @CheckForNull
    public String refusal(final Job<?, ?> job, final String application) {
        return store().ownership(jenkins.access(job, application), application).getRefusal();
    }

    /**
     * Appends an event to the application's ledger on behalf of a job that owns it. Builds of change requests may
     * append restricted events only when the administrator allows it ({@link ReleaseLedgerConfiguration}).
     */
    public void append(final Job<?, ?> job, final String application, final EventDraft draft) {
        store().append(jenkins.access(job, application), application, draft, allowChangeRequests());
    }

    /** The application's ledger for the engine's commands and the clear-bad action (see {@link LedgerStore#ledgerFor}). */
    Ledger ledger(final Job<?, ?> job, final String application) {
        return store().ledgerFor(jenkins.access(job, application), application, allowChangeRequests());
    }

    public LedgerView view(final Job<?, ?> job, final String application) {
        return store().view(jenkins.access(job, application), application);
    }

    public Verification verify(final Job<?, ?> job, final String application) {
        return store().verify(jenkins.access(job, application), application);
    }

    private boolean allowChangeRequests() {
        return jenkins.getConfiguration().isAllowChangeRequests();
    }

    /**
     * Opens the ledgers anew with the controller's keys as they are now (after a rotation or a key declared lost). The
     * old store is left to the operations still using it, not closed under them; what it holds is released with it.
     */
    void reloadKeys() {
        synchronized (this) {
            store = null;
        }
    }

    private LedgerStore store() {
        LedgerStore current = store;
        if (current == null) {
            synchronized (this) {
                current = store;
                if (current == null) {
                    File home = Jenkins.get().getRootDir();
                    current = new LedgerStore(new File(home, DIRECTORY).toPath(),
                            LedgerKeySource.controllerKeys(home.toPath()));
                    store = current;
                }
            }
        }
        return current;
    }
}
