package io.releaseledger.cli;

import io.releaseledger.agent.AgentEnvironment;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.scm.GitCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the mask for everything the CLI prints: the secret variables (git, $RELEASE_LEDGER_REGISTRY_PASSWORD,
 * RELEASE_LEDGER_CREDENTIAL_*), whatever the credentials hold, and the Basic logins made of them. The mask covers
 * the encoded forms too (see {@link SecretMask}); apply it to values, never to serialized JSON.
 */
final class SecretValues {
    private SecretValues() {
    }

    static SecretMask mask(final Map<String, String> environment, final GitCredentials credentials) {
        List<String> secrets = new ArrayList<>();
        for (String name : List.of(AgentEnvironment.GIT_PASSWORD, AgentEnvironment.GIT_TOKEN,
                AgentEnvironment.GIT_SSH_KEY, AgentEnvironment.GIT_SSH_PASSPHRASE)) {
            String value = environment.get(name);
            if (value != null) {
                secrets.add(value);
            }
        }
        String registry = environment.get(RegistryOptions.PASSWORD_VARIABLE);
        if (registry != null) {
            secrets.add(registry);
            String user = environment.get(RegistryOptions.USERNAME_VARIABLE);
            if (user != null && !user.isBlank()) {
                secrets.add(io.releaseledger.health.SecretMask.basicCredentials(user, registry));
            }
        }
        // Values of Jenkins credentials a deploy brings (secret texts, TLS keys); CA and certificate are public.
        environment.forEach((name, value) -> {
            if (name.startsWith("RELEASE_LEDGER_CREDENTIAL_") && !name.endsWith("_CA") && !name.endsWith("_CERT")
                    && value != null) {
                secrets.add(value);
            }
        });
        if (credentials != null) {
            secrets.addAll(credentials.getSecrets());
        }
        // Git over HTTPS logs in with Basic: the Base64 of user:password (or token) is a secret too.
        String gitUser = credentials != null && credentials.getUsername().isPresent() ? credentials.getUsername().get()
                : environment.get(AgentEnvironment.GIT_USERNAME);
        return SecretMask.withBasicAuth(secrets, gitUser, List.copyOf(secrets));
    }

    /** The environment without the credential variables, for code that only needs BRANCH_NAME and the like. */
    static Map<String, String> withoutSecrets(final Map<String, String> environment) {
        Map<String, String> copy = new java.util.HashMap<>(environment);
        AgentEnvironment.ALL.forEach(copy::remove);
        return copy;
    }
}
