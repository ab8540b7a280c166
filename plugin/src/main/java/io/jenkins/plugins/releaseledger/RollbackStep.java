package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.RollbackCommand;
import io.releaseledger.ledger.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollback environment: 'production', reason: '…'}: returns the environment to its previous known-good
 * release through the deploy's safe path and marks the replaced release bad.
 */
public final class RollbackStep extends DeploymentStep {
    static final String FUNCTION_NAME = "rollback";

    private final String environment;
    private final String reason;
    private String version;

    @DataBoundConstructor
    public RollbackStep(final String environment, final String reason) {
        this.environment = DeployOptions.blankToNull(environment);
        this.reason = DeployOptions.blankToNull(reason);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getReason() {
        return reason;
    }

    public String getVersion() {
        return version;
    }

    /** The version to return to; default the previous release of the environment that is not marked bad. */
    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = DeployOptions.blankToNull(version);
    }

    @Override
    String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    String targetEnvironment() {
        return environment;
    }

    @Override
    String label() {
        return DeployOptions.rollbackLabel(environment, version);
    }

    @Override
    String eventType() {
        return EventTypes.RELEASE_ROLLED_BACK;
    }

    @Override
    String verb() {
        return "rolled back to";
    }

    @Override
    List<String> problems() {
        List<String> problems = new ArrayList<>(super.problems());
        if (environment == null) {
            problems.add("environment is required");
        }
        if (reason == null) {
            problems.add("reason is required: it is recorded and marks the replaced release bad");
        }
        return problems;
    }

    @Override
    DeploymentResult call(final DeploymentContext context) {
        return new RollbackCommand(context.descriptor(), environment, reason, context.ledger(), context.executor())
                .setVersion(version)
                .setActor(context.actor()).setOrigin(context.origin()).setMessages(context.messages())
                .setDeployOptions(context::configure)
                .call();
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
            return "Roll an environment back to its previous good release (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return DeployOptions.rollbackLabel(namedArgs);
        }

    }
}
