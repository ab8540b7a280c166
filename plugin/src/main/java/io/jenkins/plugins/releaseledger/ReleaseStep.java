package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The options of every step that reads the release descriptor and may deploy ({@code deployStage}, {@code promote},
 * {@code rollback}, and {@code smokeCheck} for its rollback): the descriptor's path, the registry credentials and
 * the lock timeout. Getters return {@code null} for defaults, so the snippet generator leaves them out.
 */
public abstract class ReleaseStep extends Step {
    private String descriptorFile;
    private String registryCredentialsId;
    private String lockTimeout;
    private List<String> overrides;

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

    /** The registry's username/password credentials (for {@code smokeCheck}, only with {@code rollbackOnFailure}). */
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

    public List<String> getOverrides() {
        return overrides == null ? null : new ArrayList<>(overrides);
    }

    /**
     * Single values of the descriptor replaced for this step, as {@code path=value} strings (the CLI's {@code --set}):
     * {@code overrides: ['environments.staging.strategy=recreate']}. Blank items are dropped; none is the default.
     */
    @DataBoundSetter
    public void setOverrides(final List<String> overrides) {
        List<String> kept = new ArrayList<>();
        if (overrides != null) {
            overrides.stream().filter(o -> o != null && !o.isBlank()).map(String::trim).forEach(kept::add);
        }
        this.overrides = kept.isEmpty() ? null : kept;
    }
}
