package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code driftCheck environment: 'production'}: observes the environment on the agent ({@code drift.observe}),
 * compares it with the ledger on the controller, records the verdict and returns it as a map; fails the build, marks
 * it unstable or goes on when the environment drifted or could not be read, as {@code onDrift} says. Changes nothing
 * in the environment. Getters return {@code null} for defaults, so the snippet generator leaves them out.
 */
public final class DriftCheckStep extends Step {
    static final String FUNCTION_NAME = "driftCheck";

    private final String environment;
    private String onDrift;
    private String descriptorFile;
    private String registryCredentialsId;
    private List<String> overrides;

    @DataBoundConstructor
    public DriftCheckStep(final String environment) {
        this.environment = DeployOptions.blankToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getOnDrift() {
        return onDrift;
    }

    /** {@code fail} (the default), {@code unstable} or {@code ignore}. */
    @DataBoundSetter
    public void setOnDrift(final String onDrift) {
        this.onDrift = DeployOptions.blankToNull(onDrift);
    }

    public String getDescriptorFile() {
        return descriptorFile;
    }

    /** Path of the release descriptor in the workspace; default {@code release-ledger.yaml}. */
    @DataBoundSetter
    public void setDescriptorFile(final String descriptorFile) {
        this.descriptorFile = DeployOptions.blankToNull(descriptorFile);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    /** The registry's username/password credentials, to read the environment's registry tag. */
    @DataBoundSetter
    public void setRegistryCredentialsId(final String registryCredentialsId) {
        this.registryCredentialsId = DeployOptions.blankToNull(registryCredentialsId);
    }

    public List<String> getOverrides() {
        return overrides == null ? null : new ArrayList<>(overrides);
    }

    /** Single values of the descriptor replaced for this step, as {@code path=value}; blank items are dropped. */
    @DataBoundSetter
    public void setOverrides(final List<String> overrides) {
        List<String> kept = new ArrayList<>();
        if (overrides != null) {
            overrides.stream().filter(o -> o != null && !o.isBlank()).map(String::trim).forEach(kept::add);
        }
        this.overrides = kept.isEmpty() ? null : kept;
    }

    /** The problems of the parameters, one sentence each; empty when they are fine. */
    List<String> problems() {
        return DriftCheckOptions.validate(environment, onDrift);
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AbortException(FUNCTION_NAME + ": " + String.join("; ", problems));
        }
        return new DriftCheckExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends DeploymentStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check that an environment runs what the ledger records (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return DriftCheckOptions.label(namedArgs);
        }

        public ListBoxModel doFillOnDriftItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("Fail the build", "");
            items.add("Mark the build unstable", DriftCheckOptions.UNSTABLE);
            items.add("Go on (the returned map says what drifted)", DriftCheckOptions.IGNORE);
            return items;
        }
    }
}
