package io.releaseledger.registry;

import java.util.Objects;

/**
 * A registry login: user name and password (or token). {@link #toString()} shows the user name only, so the value
 * can appear in messages.
 */
public final class RegistryCredentials {
    private final String username;
    private final String password;

    private RegistryCredentials(final String username, final String password) {
        this.username = username;
        this.password = password;
    }

    /** A user name with its password or access token. */
    public static RegistryCredentials of(final String username, final String password) {
        if (Objects.requireNonNull(username, "username").isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("registry user name must be non-empty and free of ':'");
        }
        return new RegistryCredentials(username, Objects.requireNonNull(password, "password"));
    }

    public String getUsername() {
        return username;
    }

    /** The secret: never put it in a message. */
    public String getPassword() {
        return password;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RegistryCredentials && username.equals(((RegistryCredentials) other).username)
                && password.equals(((RegistryCredentials) other).password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return "user " + username;
    }
}
