package io.releaseledger.descriptor;

/** Which registry tags follow a successful deploy of an environment. */
public final class RegistryTagsSpec {
    private final boolean environment;
    private final boolean latest;

    RegistryTagsSpec(final boolean environment, final boolean latest) {
        this.environment = environment;
        this.latest = latest;
    }

    /** Tag the deployed image with the environment's name. */
    public boolean isEnvironment() {
        return environment;
    }

    /** Tag the deployed image {@code latest} when its version is a final release (made on a release branch). */
    public boolean isLatest() {
        return latest;
    }
}
