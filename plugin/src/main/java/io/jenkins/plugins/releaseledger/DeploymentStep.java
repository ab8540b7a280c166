package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import io.releaseledger.deploy.DeploymentResult;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code deployStage}, {@code promote} and {@code rollback} share: the descriptor, the registry credentials
 * and the lock timeout, and one {@link DeploymentExecution}. Getters return {@code null} for defaults, so the
 * snippet generator leaves them out.
 */
public abstract class DeploymentStep extends Step {
    private String descriptorFile;
    private String registryCredentialsId;
    private String lockTimeout;

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

    @DataBoundSetter
    public void setRegistryCredentialsId(final String registryCredentialsId) {
        this.registryCredentialsId = DeployOptions.blankToNull(registryCredentialsId);
    }

    public String getLockTimeout() {
        return lockTimeout;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 0}; default 5 minutes. */
    @DataBoundSetter
    public void setLockTimeout(final String lockTimeout) {
        this.lockTimeout = DeployOptions.blankToNull(lockTimeout);
    }

    /** The Pipeline function name, for messages. */
    abstract String functionName();

    /** The environment this step changes (the one whose protection and credentials count). */
    abstract String targetEnvironment();

    /** The flow-graph label of this step's arguments. */
    abstract String label();

    /** The ledger event type the build page shows on success. */
    abstract String eventType();

    /** Past tense for the summary line: {@code deployed}, {@code promoted}, {@code rolled back to}. */
    abstract String verb();

    /** Whether the version comes from a release branch ({@code latest} may follow it); only deploys and promotions. */
    boolean releaseBranch(final Map<String, String> environment) {
        return false;
    }

    /** The step's own problems; the common ones are checked here. */
    List<String> problems() {
        return DeployOptions.validate(lockTimeout);
    }

    /** Runs the engine's command on the controller with the agent as executor. */
    abstract DeploymentResult call(DeploymentContext context);

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AbortException(functionName() + ": " + String.join("; ", problems));
        }
        return new DeploymentExecution(this, context);
    }
}
