package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code awaitApproval application: 'shop', environment: 'production', version: '1.5.0'}: waits, outside {@code node}
 * and without an executor, until the release has the approvals the environment requires (then a
 * {@code deployStage}/{@code promote} of it goes ahead at once), fails on a rejection, and survives a restart.
 */
public final class AwaitApprovalStep extends Step {
    /** Only the build and its log: no workspace, no launcher, so the step runs outside {@code node}. */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class);

    private final String application;
    private final String environment;
    private final String version;
    private String digest;

    @DataBoundConstructor
    public AwaitApprovalStep(final String application, final String environment, final String version) {
        this.application = DeployOptions.blankToNull(application);
        this.environment = DeployOptions.blankToNull(environment);
        this.version = DeployOptions.blankToNull(version);
    }

    public String getApplication() {
        return application;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getDigest() {
        return digest;
    }

    /** The image digest to approve; default the build a deploy already waits with, else the version's last deployment. */
    @DataBoundSetter
    public void setDigest(final String digest) {
        this.digest = DeployOptions.blankToNull(digest);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (application == null) {
            problems.add("application is required (the name in release-ledger.yaml; outside node there is no "
                    + "workspace to read it from)");
        }
        if (environment == null) {
            problems.add("environment is required");
        }
        if (version == null) {
            problems.add("version is required");
        }
        return problems;
    }

    static String label(final Object environment, final Object version) {
        return environment + " ← " + version;
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AbortException(ApprovalLook.NAME + ": " + String.join("; ", problems));
        }
        // On the CPS VM thread, which runs as the build: who asks and from where is read now, not on the timer.
        Run<?, ?> run = context.get(Run.class);
        EnvVars environmentVariables = context.get(EnvVars.class);
        DeployIdentity identity = DeployIdentity.get();
        return new AwaitApprovalExecution(context, application, environment, version, digest, identity.actor(run),
                identity.origin(run, environmentVariables == null ? Map.of() : environmentVariables));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return REQUIRED_CONTEXT;
        }

        @Override
        public String getFunctionName() {
            return ApprovalLook.NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Wait for the approvals of a release, without an executor (Release Ledger)";
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return label(namedArgs.get("environment"), namedArgs.get("version"));
        }
    }
}
