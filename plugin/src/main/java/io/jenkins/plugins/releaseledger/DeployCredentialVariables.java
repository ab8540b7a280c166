package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.EnvironmentVariable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Jenkins credentials an environment of the descriptor references, and the agent environment variables their
 * values travel in (the {@code credentials} option of the deploy operations names the variable, never the value).
 * Jenkins-free: {@link DeployCredentialsBinding} resolves the ids.
 */
final class DeployCredentialVariables {
    static final String SECRET = DeployProtocol.KIND_SECRET;
    static final String DOCKER_TLS = DeployProtocol.KIND_DOCKER_TLS;
    static final String VARIABLE_PREFIX = "RELEASE_LEDGER_CREDENTIAL_";

    private DeployCredentialVariables() {
    }

    /**
     * Every credentials id the environment references, in the order of the descriptor: container environment
     * secrets ({@code secret}, a secret text) and Docker TLS client certificates ({@code dockerTls}).
     *
     * @return id → {@code {"kind", "variable"}}
     * @throws IllegalArgumentException when one id is used as both kinds
     */
    static Map<String, Map<String, String>> of(final EnvironmentSpec environment) {
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        if (environment.getContainer() != null) {
            for (EnvironmentVariable variable : environment.getContainer().getEnv()) {
                if (variable.isSecret() && variable.getSecret().isCredentials()) {
                    add(credentials, variable.getSecret().getCredentialsId(), SECRET);
                }
            }
        }
        for (DockerHostSpec host : environment.getHosts()) {
            if (host.isTls() && host.getTls().isCredentials()) {
                add(credentials, host.getTls().getCredentialsId(), DOCKER_TLS);
            }
        }
        return credentials;
    }

    private static void add(final Map<String, Map<String, String>> credentials, final String id, final String kind) {
        Map<String, String> known = credentials.get(id);
        if (known == null) {
            credentials.put(id, DeployProtocol.credential(kind, VARIABLE_PREFIX + (credentials.size() + 1)));
        } else if (!known.get("kind").equals(kind)) {
            throw new IllegalArgumentException("the credentials '" + id + "' are used both as a secret text and as a "
                    + "Docker TLS client certificate; use one kind per id");
        }
    }

    /** The agent environment of a secret text. */
    static Map<String, String> secretText(final String variable, final String value) {
        return Map.of(variable, value);
    }

    /** The agent environment of an X.509 client certificate: {@code <variable>_CA}, {@code _CERT}, {@code _KEY} (PEM). */
    static Map<String, String> dockerTls(final String variable, final String ca, final String certificate, final String key) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(variable + "_CA", ca);
        environment.put(variable + "_CERT", certificate);
        environment.put(variable + "_KEY", key);
        return environment;
    }

    /** The agent environment of the registry's username/password credentials. */
    static Map<String, String> registry(final String username, final String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(DeployProtocol.REGISTRY_USERNAME, username);
        environment.put(DeployProtocol.REGISTRY_PASSWORD, password);
        return environment;
    }
}
