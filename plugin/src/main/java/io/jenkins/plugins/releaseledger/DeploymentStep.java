package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import io.releaseledger.deploy.DeploymentResult;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What {@code deployStage}, {@code promote} and {@code rollback} share beyond {@link ReleaseStep}'s options: one
 * {@link DeploymentExecution}.
 */
public abstract class DeploymentStep extends ReleaseStep {
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

    /** The reason of an emergency override of a freeze window; {@code null} when none (always for a rollback). */
    String freezeOverride() {
        return null;
    }

    /** The step's own problems; the common ones are checked here. */
    List<String> problems() {
        return DeployOptions.validate(getLockTimeout());
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
