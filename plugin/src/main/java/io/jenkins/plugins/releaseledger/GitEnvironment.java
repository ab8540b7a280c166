package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.AgentEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Git secrets as the environment variables of the agent process ({@link AgentEnvironment}); the only way they
 * reach the agent. JDK types only; {@link GitCredentialsBinding} feeds it from Jenkins credentials.
 */
final class GitEnvironment {
    private GitEnvironment() {
    }

    static Map<String, String> none() {
        return Map.of();
    }

    static Map<String, String> usernamePassword(final String username, final String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(AgentEnvironment.GIT_USERNAME, username);
        environment.put(AgentEnvironment.GIT_PASSWORD, password);
        return environment;
    }

    /** Secret text: a token used as the HTTPS password; the agent picks the username (x-access-token). */
    static Map<String, String> token(final String token) {
        return Map.of(AgentEnvironment.GIT_TOKEN, token);
    }

    /**
     * An SSH key credential may hold several keys; the agent takes one, so the first is passed. The username
     * stays in the remote URL ({@code git@host:…}), as with C git.
     */
    static Map<String, String> sshKey(final List<String> privateKeys, final String passphrase) {
        if (privateKeys.isEmpty() || privateKeys.get(0).isBlank()) {
            throw new IllegalArgumentException("the SSH credentials hold no private key");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(AgentEnvironment.GIT_SSH_KEY, privateKeys.get(0));
        if (passphrase != null && !passphrase.isEmpty()) {
            environment.put(AgentEnvironment.GIT_SSH_PASSPHRASE, passphrase);
        }
        return environment;
    }
}
