package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import io.releaseledger.policy.PolicyException;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The administrator's policy for Release Ledger, on the controller where no branch can change it (Manage Jenkins »
 * System; {@code unclassified: releaseLedger:} in JCasC): whether change requests may record deployments, and per
 * application its owners and protected environments.
 */
@Extension
@Symbol("releaseLedger")
public final class ReleaseLedgerConfiguration extends GlobalConfiguration {
    private boolean allowChangeRequests;
    private List<ApplicationPolicy> applications = new ArrayList<>();

    public ReleaseLedgerConfiguration() {
        load();
    }

    public static ReleaseLedgerConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseLedgerConfiguration.class);
    }

    /**
     * Whether builds of change requests (their job's SCM head is a change request, or {@code CHANGE_ID} is set) may
     * record deployments, promotions, rollbacks, locks and bad releases. Off by default: a change request can change
     * its own Jenkinsfile.
     */
    public boolean isAllowChangeRequests() {
        return allowChangeRequests;
    }

    @DataBoundSetter
    public void setAllowChangeRequests(final boolean allowChangeRequests) {
        this.allowChangeRequests = allowChangeRequests;
        save();
    }

    public List<ApplicationPolicy> getApplications() {
        return applications == null ? List.of() : List.copyOf(applications);
    }

    /**
     * @throws IllegalArgumentException when an approval rule or freeze window is not valid (a bad cron expression, a
     *         window ending before it starts): the message names the application, environment and window, and the fix;
     *         nothing is changed
     */
    @DataBoundSetter
    public void setApplications(final List<ApplicationPolicy> applications) {
        List<ApplicationPolicy> checked = applications == null ? new ArrayList<>() : new ArrayList<>(applications);
        checkGovernance(checked);
        this.applications = checked;
        save();
    }

    static void checkGovernance(final List<ApplicationPolicy> applications) {
        for (ApplicationPolicy application : applications) {
            try {
                GovernanceSettings.read(application);
            } catch (PolicyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /**
     * The form leaves out a list whose last entry was deleted, and binding calls only the setters it finds: the list
     * is emptied first so that deleting the last application sticks; kept as it was when the form is refused.
     */
    @Override
    public boolean configure(final StaplerRequest2 req, final JSONObject json) throws FormException {
        List<ApplicationPolicy> before = applications;
        applications = new ArrayList<>();
        try {
            boolean done = super.configure(req, json);
            save();
            return done;
        } catch (IllegalArgumentException e) {
            applications = before;
            throw new FormException(e.getMessage(), "applications");
        } catch (FormException | RuntimeException e) {
            applications = before;
            throw e;
        }
    }

    /** The policy of an application; {@code null} when the administrator configured none. */
    ApplicationPolicy application(final String name) {
        for (ApplicationPolicy policy : getApplications()) {
            if (policy.getName().equals(name)) {
                return policy;
            }
        }
        return null;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Release Ledger";
    }
}
