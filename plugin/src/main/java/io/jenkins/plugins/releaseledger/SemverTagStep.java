package io.jenkins.plugins.releaseledger;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code semverTag}: computes the next semantic version from the git history of the workspace, tags and pushes it.
 * The work runs on the agent in the Release Ledger CLI; the controller only resolves credentials.
 */
public final class SemverTagStep extends Step {
    static final String FUNCTION_NAME = "semverTag";

    private String prefix = SemverTagOptions.DEFAULT_PREFIX;
    private String paths;
    private String branch;
    private String releaseBranches = SemverTagOptions.DEFAULT_RELEASE_BRANCHES;
    private String preReleaseId;
    private String initialVersion = SemverTagOptions.DEFAULT_INITIAL_VERSION;
    private String otherCommitsBump = SemverTagOptions.DEFAULT_OTHER_COMMITS_BUMP;
    private String breakingBelowOne = SemverTagOptions.DEFAULT_BREAKING_BELOW_ONE;
    private boolean push = true;
    private String remote = SemverTagOptions.DEFAULT_REMOTE;
    private boolean fetch = true;
    private boolean dryRun;
    private boolean allowDirty;
    private int maxPushAttempts = SemverTagOptions.DEFAULT_MAX_PUSH_ATTEMPTS;
    private String credentialsId;
    private String application;

    @DataBoundConstructor
    public SemverTagStep() {
        // every parameter is optional
    }

    public String getPrefix() {
        return prefix;
    }

    /** An empty prefix is allowed (tags such as {@code 1.2.3}); {@code null} restores the default. */
    @DataBoundSetter
    public void setPrefix(final String prefix) {
        this.prefix = prefix == null ? SemverTagOptions.DEFAULT_PREFIX : prefix.trim();
    }

    public String getPaths() {
        return paths;
    }

    /** Comma- or newline-separated, so that the same text works in the snippet generator and in a script. */
    @DataBoundSetter
    public void setPaths(final String paths) {
        this.paths = SemverTagOptions.blankToNull(paths);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(final String branch) {
        this.branch = SemverTagOptions.blankToNull(branch);
    }

    public String getReleaseBranches() {
        return releaseBranches;
    }

    @DataBoundSetter
    public void setReleaseBranches(final String releaseBranches) {
        this.releaseBranches = SemverTagOptions.orDefault(releaseBranches, SemverTagOptions.DEFAULT_RELEASE_BRANCHES);
    }

    public String getPreReleaseId() {
        return preReleaseId;
    }

    @DataBoundSetter
    public void setPreReleaseId(final String preReleaseId) {
        this.preReleaseId = SemverTagOptions.blankToNull(preReleaseId);
    }

    public String getInitialVersion() {
        return initialVersion;
    }

    @DataBoundSetter
    public void setInitialVersion(final String initialVersion) {
        this.initialVersion = SemverTagOptions.orDefault(initialVersion, SemverTagOptions.DEFAULT_INITIAL_VERSION);
    }

    public String getOtherCommitsBump() {
        return otherCommitsBump;
    }

    @DataBoundSetter
    public void setOtherCommitsBump(final String otherCommitsBump) {
        this.otherCommitsBump = SemverTagOptions.bumpName(otherCommitsBump, SemverTagOptions.DEFAULT_OTHER_COMMITS_BUMP);
    }

    public String getBreakingBelowOne() {
        return breakingBelowOne;
    }

    @DataBoundSetter
    public void setBreakingBelowOne(final String breakingBelowOne) {
        this.breakingBelowOne = SemverTagOptions.bumpName(breakingBelowOne, SemverTagOptions.DEFAULT_BREAKING_BELOW_ONE);
    }

    public boolean isPush() {
        return push;
    }

    @DataBoundSetter
    public void setPush(final boolean push) {
        this.push = push;
    }

    public String getRemote() {
        return remote;
    }

    @DataBoundSetter
    public void setRemote(final String remote) {
        this.remote = SemverTagOptions.orDefault(remote, SemverTagOptions.DEFAULT_REMOTE);
    }

    public boolean isFetch() {
        return fetch;
    }

    @DataBoundSetter
    public void setFetch(final boolean fetch) {
        this.fetch = fetch;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(final boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isAllowDirty() {
        return allowDirty;
    }

    @DataBoundSetter
    public void setAllowDirty(final boolean allowDirty) {
        this.allowDirty = allowDirty;
    }

    public int getMaxPushAttempts() {
        return maxPushAttempts;
    }

    @DataBoundSetter
    public void setMaxPushAttempts(final int maxPushAttempts) {
        this.maxPushAttempts = maxPushAttempts;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(final String credentialsId) {
        this.credentialsId = SemverTagOptions.blankToNull(credentialsId);
    }

    public String getApplication() {
        return application;
    }

    /** The ledger the tag is recorded in; {@code null} (the default) means the job's full name. */
    @DataBoundSetter
    public void setApplication(final String application) {
        this.application = SemverTagOptions.blankToNull(application);
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        List<String> problems = SemverTagOptions.validate(this);
        if (!problems.isEmpty()) {
            throw new AbortException(FUNCTION_NAME + ": " + String.join("; ", problems));
        }
        return new Execution(this, context);
    }

    /** Runs in a pool thread: the agent process may take a while (fetch, push with retries). */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient SemverTagStep step;

        Execution(final SemverTagStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            Launcher launcher = context.get(Launcher.class);
            EnvVars environment = context.get(EnvVars.class);

            TagRecorder.checkOwner(FUNCTION_NAME, run, step.getApplication());
            Map<String, String> secrets = GitCredentialsBinding.environmentFor(FUNCTION_NAME, step.getCredentialsId(), run);
            AgentOutcome outcome = AgentLauncher.run(FUNCTION_NAME,
                    SemverTagOptions.request(step, workspace.getRemote(), environment),
                    secrets, workspace, launcher, environment, listener);
            outcome.report(listener.getLogger());
            if (!outcome.isOk()) {
                throw new AbortException(outcome.failureMessage(FUNCTION_NAME));
            }
            SemverTagAction action = SemverTagAction.fromResult(outcome.getResult());
            run.addAction(action);
            listener.getLogger().println(FUNCTION_NAME + ": " + action.describe());
            TagRecorder.record(FUNCTION_NAME, run, environment, step.getApplication(), outcome.getResult(), outcome::mask,
                    listener);
            return action.getVersion();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Compute, tag and push the next semantic version";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public String argumentsToString(@NonNull final Map<String, Object> namedArgs) {
            return SemverTagOptions.label(namedArgs);
        }

        /** Lists only the credential types the step can use, and only to users who could pick one. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath final Item item,
                @QueryParameter final String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            String current = credentialsId == null ? "" : credentialsId;
            if (item == null) {
                if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                    return result.includeCurrentValue(current);
                }
            } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
                return result.includeCurrentValue(current);
            }
            return result
                    .includeEmptyValue()
                    .includeMatchingAs(
                            item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item,
                            StandardCredentials.class,
                            List.of(),
                            CredentialsMatchers.anyOf(
                                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                                    CredentialsMatchers.instanceOf(StringCredentials.class),
                                    CredentialsMatchers.instanceOf(SSHUserPrivateKey.class)))
                    .includeCurrentValue(current);
        }

        public ListBoxModel doFillOtherCommitsBumpItems() {
            return bumpItems(SemverTagOptions.OTHER_COMMITS_BUMPS);
        }

        public ListBoxModel doFillBreakingBelowOneItems() {
            return bumpItems(SemverTagOptions.BREAKING_BELOW_ONE_BUMPS);
        }

        @POST
        public FormValidation doCheckInitialVersion(@QueryParameter final String value) {
            return check(SemverTagOptions.checkInitialVersion(value));
        }

        @POST
        public FormValidation doCheckMaxPushAttempts(@QueryParameter final String value) {
            return check(SemverTagOptions.checkMaxPushAttempts(value));
        }

        private static FormValidation check(final String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        private static ListBoxModel bumpItems(final List<String> names) {
            ListBoxModel items = new ListBoxModel();
            for (String name : names) {
                items.add(name, name);
            }
            return items;
        }
    }
}
