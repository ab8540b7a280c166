package io.releaseledger.scm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate against a remote: nothing, an HTTPS username and password (or token), or an SSH private
 * key. {@link #toString()} never shows a secret, so an instance can be logged safely.
 */
public final class GitCredentials {
    /** The username GitHub and most forges accept together with a token. */
    public static final String TOKEN_USERNAME = "x-access-token";

    private static final GitCredentials NONE = new GitCredentials(Kind.NONE, null, null, null, null, null);

    /** What sort of credentials these are. */
    public enum Kind { NONE, USERNAME_PASSWORD, SSH_KEY }

    private final Kind kind;
    private final String username;
    private final String password;
    private final String privateKey;
    private final String passphrase;
    private final Path knownHosts;

    private GitCredentials(final Kind kind, final String username, final String password, final String privateKey,
            final String passphrase, final Path knownHosts) {
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.knownHosts = knownHosts;
    }

    public static GitCredentials none() {
        return NONE;
    }

    public static GitCredentials usernamePassword(final String username, final String password) {
        return new GitCredentials(Kind.USERNAME_PASSWORD, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"), null, null, null);
    }

    /** A token used as the password of the user {@value #TOKEN_USERNAME}. */
    public static GitCredentials token(final String token) {
        return usernamePassword(TOKEN_USERNAME, Objects.requireNonNull(token, "token"));
    }

    /**
     * An SSH private key (OpenSSH or PEM text). Host keys are checked against {@code knownHosts}, or
     * {@code ~/.ssh/known_hosts} when it is {@code null}; an unknown or changed host key is refused.
     *
     * @param passphrase the key's passphrase, or {@code null} when it has none
     */
    public static GitCredentials sshKey(final String privateKey, final String passphrase, final Path knownHosts) {
        return new GitCredentials(Kind.SSH_KEY, null, null, Objects.requireNonNull(privateKey, "privateKey"),
                passphrase, knownHosts);
    }

    public Kind getKind() {
        return kind;
    }

    public Optional<String> getUsername() {
        return Optional.ofNullable(username);
    }

    public Optional<String> getPassword() {
        return Optional.ofNullable(password);
    }

    public Optional<String> getPrivateKey() {
        return Optional.ofNullable(privateKey);
    }

    public Optional<String> getPassphrase() {
        return Optional.ofNullable(passphrase);
    }

    /** The known-hosts file to check host keys against. */
    public Path getKnownHosts() {
        return knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** Every secret these credentials hold, so that messages can be checked and scrubbed for them. */
    public List<String> getSecrets() {
        List<String> secrets = new ArrayList<>();
        for (String secret : new String[] {password, privateKey, passphrase}) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
            }
        }
        return secrets;
    }

    @Override
    public String toString() {
        switch (kind) {
            case USERNAME_PASSWORD:
                return "username '" + username + "' with password ****";
            case SSH_KEY:
                return "SSH key ****" + (passphrase == null ? "" : " with passphrase ****")
                        + ", known hosts " + getKnownHosts();
            default:
                return "no credentials";
        }
    }
}
