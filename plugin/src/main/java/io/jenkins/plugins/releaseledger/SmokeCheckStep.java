package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code smokeCheck environment: 'staging'}: runs the environment's {@code smokeChecks} on the agent, writes the
 * table to the log and a JUnit XML report into the workspace, records the run in the ledger and fails the build when
 * a check fails (after an automatic rollback with {@code rollbackOnFailure}). Getters return {@code null} or
 * {@code false} for defaults, so the snippet generator leaves them out.
 */
public final class SmokeCheckStep extends ReleaseStep {
    static final String FUNCTION_NAME = "smokeCheck";

    private final String environment;
    private String version;
    private Boolean failFast;
    private boolean rollbackOnFailure;
    private String junitFile;

    @DataBoundConstructor
    public SmokeCheckStep(final String environment) {
        this.environment = DeployOptions.blankToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    /** The version the checks are about; default the release the ledger says runs in the environment. */
    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = DeployOptions.blankToNull(version);
    }

    public Boolean getFailFast() {
        return failFast;
    }

    /** {@code null} (the default): the descriptor's {@code smokeChecks.failFast}. */
    @DataBoundSetter
    public void setFailFast(final Boolean failFast) {
        this.failFast = failFast;
    }

    public boolean isRollbackOnFailure() {
        return rollbackOnFailure;
    }

    /** On failure, return the environment to its previous known-good release (automatic rollback). */
    @DataBoundSetter
    public void setRollbackOnFailure(final boolean rollbackOnFailure) {
        this.rollbackOnFailure = rollbackOnFailure;
    }

    public String getJunitFile() {
        return junitFile;
    }

    /** Workspace path of the JUnit XML report; default {@code release-ledger-smoke-<environment>.xml}. */
    @DataBoundSetter
    public void setJunitFile(final String junitFile) {
        this.junitFile = DeployOptions.blankToNull(junitFile);
    }

    /** The problems of the parameters, one sentence each; empty when they are fine. */
    List<String> problems() {
        return SmokeCheckOptions.validate(environment, junitFile, getLockTimeout());
    }

    /** The flow-graph label: {@code staging} or {@code production 1.4.0}. */
    String label() {
        return SmokeCheckOptions.label(environment, version);
    }

    /** The JUnit report's workspace path, the default applied. */
    String junitPath() {
        return SmokeCheckOptions.junitFile(junitFile, environment);
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AbortException(FUNCTION_NAME + ": " + String.join("; ", problems));
        }
        return new SmokeCheckExecution(this, context);
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
            return "Run an environment's smoke checks (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return SmokeCheckOptions.label(namedArgs);
        }

        @POST
        public FormValidation doCheckJunitFile(@QueryParameter final String value) {
            String problem = SmokeCheckOptions.junitFileProblem(DeployOptions.blankToNull(value));
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        public ListBoxModel doFillFailFastItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("As the release descriptor says (smokeChecks.failFast)", "");
            items.add("Yes: stop at the first failure", "true");
            items.add("No: run every check", "false");
            return items;
        }
    }
}
