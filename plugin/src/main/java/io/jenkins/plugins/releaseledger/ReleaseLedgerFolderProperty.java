package io.jenkins.plugins.releaseledger;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A folder's claim on applications: jobs anywhere below the folder own these applications' ledgers, unless the
 * administrator configured owners for an application, or a job outside the folder recorded in its ledger first
 * (see {@link ApplicationOwnership}).
 */
public final class ReleaseLedgerFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {
    private final List<String> applications;

    @DataBoundConstructor
    public ReleaseLedgerFolderProperty(final String applications) {
        this.applications = Names.split(applications);
    }

    /** Application names, comma- or line-separated. */
    public String getApplications() {
        return Names.join(applicationList());
    }

    List<String> applicationList() {
        return applications == null ? List.of() : List.copyOf(applications);
    }

    @Extension
    @Symbol("releaseLedgerApplications")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Release Ledger applications";
        }
    }
}
