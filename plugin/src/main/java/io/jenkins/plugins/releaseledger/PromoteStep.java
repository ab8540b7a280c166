package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PromoteCommand;
import io.releaseledger.ledger.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code promote to: 'production'}: deploys the exact image that passed the previous environment. */
public final class PromoteStep extends DeploymentStep {
    static final String FUNCTION_NAME = "promote";

    private final String to;
    private String from;
    private String version;
    private boolean dryRun;
    private Boolean releaseBranch;
    private String overrideFreeze;

    @DataBoundConstructor
    public PromoteStep(final String to) {
        this.to = DeployOptions.blankToNull(to);
    }

    public String getTo() {
        return to;
    }

    public String getFrom() {
        return from;
    }

    /** The source environment; default the target's {@code promotesFrom} in the descriptor. */
    @DataBoundSetter
    public void setFrom(final String from) {
        this.from = DeployOptions.blankToNull(from);
    }

    public String getVersion() {
        return version;
    }

    /** The version to promote; default the one running in the source environment. */
    @DataBoundSetter
    public void setVersion(final String version) {
        this.version = DeployOptions.blankToNull(version);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(final boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Boolean getReleaseBranch() {
        return releaseBranch;
    }

    @DataBoundSetter
    public void setReleaseBranch(final Boolean releaseBranch) {
        this.releaseBranch = releaseBranch;
    }

    @Override
    String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    String targetEnvironment() {
        return to;
    }

    @Override
    String label() {
        return DeployOptions.promoteLabel(to, from, version);
    }

    @Override
    String eventType() {
        return EventTypes.RELEASE_PROMOTED;
    }

    @Override
    String verb() {
        return "promoted";
    }

    /** An emergency deploy inside a freeze window: the reason, recorded; needs "Override freeze windows". */
    public String getOverrideFreeze() {
        return overrideFreeze;
    }

    @DataBoundSetter
    public void setOverrideFreeze(final String overrideFreeze) {
        this.overrideFreeze = DeployOptions.blankToNull(overrideFreeze);
    }

    @Override
    String freezeOverride() {
        return overrideFreeze;
    }

    @Override
    boolean releaseBranch(final Map<String, String> environment) {
        return DeployOptions.releaseBranch(releaseBranch, environment);
    }

    @Override
    List<String> problems() {
        List<String> problems = new ArrayList<>(super.problems());
        if (to == null) {
            problems.add("to (the target environment) is required");
        }
        return problems;
    }

    @Override
    DeploymentResult call(final DeploymentContext context) {
        return new PromoteCommand(context.descriptor(), to, context.ledger(), context.executor())
                .setFrom(from).setVersion(version)
                .setActor(context.actor()).setOrigin(context.origin()).setMessages(context.messages())
                .setDeployOptions(deploy -> {
                    context.configure(deploy);
                    deploy.setDryRun(dryRun);
                })
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
            return "Promote the release of the previous environment (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return DeployOptions.promoteLabel(namedArgs);
        }

        public ListBoxModel doFillReleaseBranchItems() {
            return DeployStepForms.releaseBranch();
        }
    }
}
