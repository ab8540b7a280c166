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
 * "Deploy to protected environments" permission on the job and, when deployers are listed, being one of them; and its
 * governance: approvals a release needs and freeze windows ({@link GovernanceSettings} turns them into the engine's
 * policy).
 */
public final class ProtectedEnvironment implements Describable<ProtectedEnvironment> {
    private final String name;
    private List<String> deployers = new ArrayList<>();
    private int requiredApprovals;
    private List<String> approvers = new ArrayList<>();
    private List<FreezeWindowSetting> freezeWindows = new ArrayList<>();

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

    /** How many approvals a deploy or promote here needs (0: none); see docs/governance.md. */
    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    @DataBoundSetter
    public void setRequiredApprovals(final int requiredApprovals) {
        this.requiredApprovals = Math.max(0, requiredApprovals);
    }

    /** User ids or group names who may approve, comma- or line-separated; empty: whoever has the Approve permission. */
    public String getApprovers() {
        return Names.join(approvers);
    }

    @DataBoundSetter
    public void setApprovers(final String approvers) {
        this.approvers = Names.split(approvers);
    }

    List<String> approverList() {
        return approvers == null ? List.of() : List.copyOf(approvers);
    }

    public List<FreezeWindowSetting> getFreezeWindows() {
        return freezeWindows == null ? List.of() : List.copyOf(freezeWindows);
    }

    @DataBoundSetter
    public void setFreezeWindows(final List<FreezeWindowSetting> freezeWindows) {
        this.freezeWindows = freezeWindows == null ? new ArrayList<>() : new ArrayList<>(freezeWindows);
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
