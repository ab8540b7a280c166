package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.ledger.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code deployStage environment: 'staging', version: '1.4.0'}: puts one image on an environment's servers. */
public final class DeployStageStep extends DeploymentStep {
    static final String FUNCTION_NAME = "deployStage";

    private final String environment;
    private final String version;
    private String tag;
    private boolean allowDowngrade;
    private boolean dryRun;
    private Boolean releaseBranch;
    private String overrideFreeze;

    @DataBoundConstructor
    public DeployStageStep(final String environment, final String version) {
        this.environment = DeployOptions.blankToNull(environment);
        this.version = DeployOptions.blankToNull(version);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getTag() {
        return tag;
    }

    /** The image tag to resolve in the registry; default the version. */
    @DataBoundSetter
    public void setTag(final String tag) {
        this.tag = DeployOptions.blankToNull(tag);
    }

    public boolean isAllowDowngrade() {
        return allowDowngrade;
    }

    @DataBoundSetter
    public void setAllowDowngrade(final boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
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

    /** {@code null} (the default): {@code BRANCH_NAME} is {@code main} or {@code master}. */
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
        return environment;
    }

    @Override
    String label() {
        return DeployOptions.deployLabel(environment, version);
    }

    @Override
    String eventType() {
        return EventTypes.DEPLOYMENT_SUCCEEDED;
    }

    @Override
    String verb() {
        return "deployed";
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
    boolean releaseBranch(final Map<String, String> environmentVariables) {
        return DeployOptions.releaseBranch(releaseBranch, environmentVariables);
    }

    @Override
    List<String> problems() {
        List<String> problems = new ArrayList<>(super.problems());
        if (environment == null) {
            problems.add("environment is required");
        }
        if (version == null) {
            problems.add("version is required");
        }
        return problems;
    }

    @Override
    DeploymentResult call(final DeploymentContext context) {
        DeployCommand deploy = new DeployCommand(context.descriptor(), environment, version, context.ledger(),
                context.executor()).setTag(tag).setAllowDowngrade(allowDowngrade).setDryRun(dryRun);
        context.configure(deploy);
        return deploy.call();
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
            return "Deploy a version to an environment (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return DeployOptions.deployLabel(namedArgs);
        }

        public ListBoxModel doFillReleaseBranchItems() {
            return DeployStepForms.releaseBranch();
        }
    }
}
