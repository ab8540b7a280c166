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
 * The administrator's policy for one application: which jobs or folders own its ledger, and which of its environments
 * are protected and who may deploy there. Part of {@link ReleaseLedgerConfiguration}.
 */
public final class ApplicationPolicy implements Describable<ApplicationPolicy> {
    private final String name;
    private List<String> owners = new ArrayList<>();
    private List<ProtectedEnvironment> protectedEnvironments = new ArrayList<>();

    @DataBoundConstructor
    public ApplicationPolicy(final String name) {
        this.name = name == null ? "" : name.trim();
    }

    /** The application's name, as the release descriptor's {@code application} or the step's parameter gives it. */
    public String getName() {
        return name;
    }

    /** Owner jobs and folders (full names, {@code *} and {@code **} patterns), comma- or line-separated. */
    public String getOwners() {
        return Names.join(owners);
    }

    @DataBoundSetter
    public void setOwners(final String owners) {
        this.owners = Names.split(owners);
    }

    List<String> ownerList() {
        return owners == null ? List.of() : List.copyOf(owners);
    }

    public List<ProtectedEnvironment> getProtectedEnvironments() {
        return protectedEnvironments == null ? List.of() : List.copyOf(protectedEnvironments);
    }

    @DataBoundSetter
    public void setProtectedEnvironments(final List<ProtectedEnvironment> protectedEnvironments) {
        this.protectedEnvironments = protectedEnvironments == null ? new ArrayList<>() : new ArrayList<>(protectedEnvironments);
    }

    /** The controller's protection of an environment of this application; {@code null} when none is configured. */
    ProtectedEnvironment protection(final String environment) {
        for (ProtectedEnvironment candidate : getProtectedEnvironments()) {
            if (candidate.getName().equals(environment)) {
                return candidate;
            }
        }
        return null;
    }

    @Extension
    @Symbol("application")
    public static final class DescriptorImpl extends Descriptor<ApplicationPolicy> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Application";
        }
    }
}
