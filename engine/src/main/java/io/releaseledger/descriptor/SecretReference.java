package io.releaseledger.descriptor;

/**
 * Where a secret comes from: a Jenkins credentials id (secret text) for the steps, or an environment variable of
 * the process for the CLI. The descriptor never holds the value.
 */
public final class SecretReference {
    private final String credentialsId;
    private final String environmentVariable;

    SecretReference(final String credentialsId, final String environmentVariable) {
        this.credentialsId = credentialsId;
        this.environmentVariable = environmentVariable;
    }

    /** The Jenkins credentials id, or {@code null}. */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** The name of the environment variable holding the value, or {@code null}. */
    public String getEnvironmentVariable() {
        return environmentVariable;
    }

    public boolean isCredentials() {
        return credentialsId != null;
    }

    @Override
    public String toString() {
        return credentialsId != null ? "credentials '" + credentialsId + "'" : "environment variable " + environmentVariable;
    }
}
