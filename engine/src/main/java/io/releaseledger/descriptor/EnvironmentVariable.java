package io.releaseledger.descriptor;

/** One environment variable of the container: a plain value, or a reference to a secret. */
public final class EnvironmentVariable {
    private final String name;
    private final String value;
    private final SecretReference secret;

    EnvironmentVariable(final String name, final String value, final SecretReference secret) {
        this.name = name;
        this.value = value;
        this.secret = secret;
    }

    public String getName() {
        return name;
    }

    /** The plain value, or {@code null} for a secret. */
    public String getValue() {
        return value;
    }

    /** The secret's reference, or {@code null} for a plain value. */
    public SecretReference getSecret() {
        return secret;
    }

    public boolean isSecret() {
        return secret != null;
    }

    /** Never shows a secret's value (there is none here): {@code NAME=value} or {@code NAME=<credentials 'id'>}. */
    @Override
    public String toString() {
        return name + "=" + (secret == null ? value : "<" + secret + ">");
    }
}
