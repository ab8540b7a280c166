package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An environment the controller protects, whatever the release descriptor says: deploying there needs the
 * "Deploy to protected environments" permission on the job and, when deployers are listed, being one of them.
 */
public final class ProtectedEnvironment implements Describable<ProtectedEnvironment> {
    private final String name;
    private List<String> deployers = new ArrayList<>();

    @DataBoundConstructor
    public ProtectedEnvironment(final String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getName() {
        return name;
    }

    /** User ids or group names, comma- or line-separated; empty: whoever has the permission. */
    public String getDeployers() {
        return Names.join(deployers);
    }

    @DataBoundSetter
    public void setDeployers(final String deployers) {
        this.deployers = Names.split(deployers);
    }

    List<String> deployerList() {
        return deployers == null ? List.of() : List.copyOf(deployers);
    }

    @Extension
    @Symbol("protectedEnvironment")
    public static final class DescriptorImpl extends Descriptor<ProtectedEnvironment> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Protected environment";
        }
    }
}
