package io.releaseledger.agent;

import io.releaseledger.scm.GitCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment variables that carry git secrets to the agent (and to the CLI). Secrets never travel in the
 * request JSON or on a command line, where {@code ps} or a log would show them.
 */
public final class AgentEnvironment {
    /** HTTPS username. */
    public static final String GIT_USERNAME = "RELEASE_LEDGER_GIT_USERNAME";
    /** HTTPS password; needs {@link #GIT_USERNAME}. */
    public static final String GIT_PASSWORD = "RELEASE_LEDGER_GIT_PASSWORD";
    /** HTTPS token, used as the password; the username defaults to {@code x-access-token}. */
    public static final String GIT_TOKEN = "RELEASE_LEDGER_GIT_TOKEN";
    /** SSH private key text (PEM or OpenSSH). */
    public static final String GIT_SSH_KEY = "RELEASE_LEDGER_GIT_SSH_KEY";
    /** SSH private key file. */
    public static final String GIT_SSH_KEY_FILE = "RELEASE_LEDGER_GIT_SSH_KEY_FILE";
    /** Passphrase of the SSH key. */
    public static final String GIT_SSH_PASSPHRASE = "RELEASE_LEDGER_GIT_SSH_PASSPHRASE";
    /** Known-hosts file; the engine's default is {@code ~/.ssh/known_hosts}. */
    public static final String GIT_KNOWN_HOSTS = "RELEASE_LEDGER_GIT_KNOWN_HOSTS";

    /** Every variable above, for front ends that pass them on or mask them. */
    public static final List<String> ALL = List.of(GIT_USERNAME, GIT_PASSWORD, GIT_TOKEN, GIT_SSH_KEY,
            GIT_SSH_KEY_FILE, GIT_SSH_PASSPHRASE, GIT_KNOWN_HOSTS);

    private AgentEnvironment() {
    }

    /**
     * Builds the git credentials from the variables in {@code environment}; empty values count as unset.
     *
     * @return {@link GitCredentials#none()} when no credential variable is set
     * @throws AgentProtocolException if the variables contradict each other or the key file cannot be read;
     *         the message names variables and files, never a value
     */
    public static GitCredentials gitCredentials(final Map<String, String> environment) {
        String username = value(environment, GIT_USERNAME);
        String password = value(environment, GIT_PASSWORD);
        String token = value(environment, GIT_TOKEN);
        String key = value(environment, GIT_SSH_KEY);
        String keyFile = value(environment, GIT_SSH_KEY_FILE);
        boolean https = username != null || password != null || token != null;
        boolean ssh = key != null || keyFile != null;

        if (https && ssh) {
            throw conflict("HTTPS credentials (" + setNames(environment, GIT_USERNAME, GIT_PASSWORD, GIT_TOKEN)
                    + ") and an SSH key (" + setNames(environment, GIT_SSH_KEY, GIT_SSH_KEY_FILE) + ")");
        }
        if (ssh) {
            return sshKey(environment, key, keyFile);
        }
        if (password != null && token != null) {
            throw conflict(GIT_PASSWORD + " and " + GIT_TOKEN);
        }
        if (token != null) {
            return username == null ? GitCredentials.token(token) : GitCredentials.usernamePassword(username, token);
        }
        if (password != null) {
            if (username == null) {
                throw new AgentProtocolException(GIT_PASSWORD + " is set but " + GIT_USERNAME
                        + " is not; set the username too, or pass the secret as " + GIT_TOKEN);
            }
            return GitCredentials.usernamePassword(username, password);
        }
        if (username != null) {
            throw new AgentProtocolException(GIT_USERNAME + " is set without " + GIT_PASSWORD + " or " + GIT_TOKEN);
        }
        return GitCredentials.none();
    }

    private static GitCredentials sshKey(final Map<String, String> environment, final String key, final String keyFile) {
        if (key != null && keyFile != null) {
            throw conflict(GIT_SSH_KEY + " and " + GIT_SSH_KEY_FILE);
        }
        String keyText = key != null ? key : readKeyFile(keyFile);
        String knownHosts = value(environment, GIT_KNOWN_HOSTS);
        Path knownHostsPath = null;
        if (knownHosts != null) {
            knownHostsPath = path(knownHosts, GIT_KNOWN_HOSTS);
            if (!Files.isRegularFile(knownHostsPath)) {
                throw new AgentProtocolException("the known-hosts file " + knownHostsPath + " (" + GIT_KNOWN_HOSTS
                        + ") does not exist or is not a file");
            }
        }
        return GitCredentials.sshKey(keyText, value(environment, GIT_SSH_PASSPHRASE), knownHostsPath);
    }

    private static String readKeyFile(final String keyFile) {
        Path path = path(keyFile, GIT_SSH_KEY_FILE);
        try {
            return SecretFile.read(path, SecretFile.MAX_BYTES);
        } catch (SecretFile.TooLargeException e) {
            throw new AgentProtocolException("the SSH key file " + path + " (" + GIT_SSH_KEY_FILE + ") is larger than "
                    + SecretFile.describe(SecretFile.MAX_BYTES) + ", more than any SSH key; check the path");
        } catch (IOException e) {
            // The exception text names the file only; the key itself was never read.
            throw new AgentProtocolException("cannot read the SSH key file " + path + " (" + GIT_SSH_KEY_FILE + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static Path path(final String text, final String variable) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new AgentProtocolException(variable + " is not a valid path: " + e.getReason());
        }
    }

    private static String value(final Map<String, String> environment, final String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String setNames(final Map<String, String> environment, final String... names) {
        List<String> set = new ArrayList<>();
        for (String name : names) {
            if (value(environment, name) != null) {
                set.add(name);
            }
        }
        return String.join(", ", set);
    }

    private static AgentProtocolException conflict(final String what) {
        return new AgentProtocolException("both " + what + " are set; set only one kind of git credentials");
    }
}
