package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/** The administrator's settings for Release Ledger (Manage Jenkins » System; {@code releaseLedger} in JCasC). */
@Extension
@Symbol("releaseLedger")
public final class ReleaseLedgerConfiguration extends GlobalConfiguration {
    private boolean allowChangeRequests;

    public ReleaseLedgerConfiguration() {
        load();
    }

    public static ReleaseLedgerConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseLedgerConfiguration.class);
    }

    /**
     * Whether builds of change requests (pull requests: {@code CHANGE_ID} set) may record deployments, promotions,
     * rollbacks, locks and bad releases. Off by default: a pull request can change its own Jenkinsfile.
     */
    public boolean isAllowChangeRequests() {
        return allowChangeRequests;
    }

    @DataBoundSetter
    public void setAllowChangeRequests(final boolean allowChangeRequests) {
        this.allowChangeRequests = allowChangeRequests;
        save();
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Release Ledger";
    }
}
