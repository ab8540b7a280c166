package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * What the descriptors of {@code deployStage}, {@code promote}, {@code rollback} and {@code smokeCheck} share: they
 * run on an agent's workspace, and their forms offer registry credentials and check the lock timeout.
 */
public abstract class DeploymentStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
    }

    /**
     * The snippet generator binds its form here: a tri-state left at its default must stay unset, the overrides are one
     * a line (see DeployStepForms).
     */
    @Override
    public Step newInstance(@Nullable final StaplerRequest2 req, @NonNull final JSONObject formData) throws FormException {
        DeployStepForms.unsetBlankTriStates(clazz, formData);
        DeployStepForms.overridesPerLine(formData);
        return super.newInstance(req, formData);
    }

    @POST
    public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath final Item item,
            @QueryParameter final String registryCredentialsId) {
        return DeployStepForms.registryCredentials(item, registryCredentialsId);
    }

    @POST
    public FormValidation doCheckLockTimeout(@QueryParameter final String value) {
        return DeployStepForms.lockTimeout(value);
    }
}
