package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.EnvironmentVariable;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.HealthGateSpec;
import io.releaseledger.descriptor.HttpCheckSpec;
import io.releaseledger.descriptor.SecretReference;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * What a deploy binds: {@link #of} plus the secret texts of the health gate's http checks and, when the gate runs
     * the environment's {@code smokeChecks} on each server, theirs too.
     *
     * @return id → {@code {"kind", "variable"}}
     * @throws IllegalArgumentException when one id is used as both kinds
     */
    static Map<String, Map<String, String>> deploy(final EnvironmentSpec environment) {
        Map<String, Map<String, String>> all = of(environment);
        HealthGateSpec gate = environment.getHealthGate();
        if (gate != null) {
            addHttpSecrets(all, gate.getChecks());
            if (gate.isSmokeChecks()) {
                addHttpSecrets(all, environment.getSmokeChecks().getChecks());
            }
        }
        return all;
    }

    /**
     * What {@code smokeCheck} binds: every credentials id the environment's {@code smokeChecks} reference (an http
     * check's header token or basic-auth password, each a secret text); the hosts' Docker TLS client certificates when
     * a {@code container} or {@code drift} check reads the hosts; and with {@code rollback} everything the environment's deploy needs
     * ({@link #of}), so one map (and one agent environment) serves the smoke run and the rollback's deploy operations.
     *
     * @return id → {@code {"kind", "variable"}}
     * @throws IllegalArgumentException when one id is used as both kinds
     */
    static Map<String, Map<String, String>> smokeCheck(final EnvironmentSpec environment, final boolean rollback) {
        Map<String, Map<String, String>> deploy = rollback ? deploy(environment) : of(environment);
        if (rollback) {
            return withSmokeChecks(environment, deploy);
        }
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        boolean readsHosts = environment.getSmokeChecks().getChecks().stream()
                .anyMatch(check -> check.getType() == HealthCheckSpec.Type.CONTAINER
                        || check.getType() == HealthCheckSpec.Type.DRIFT);
        if (readsHosts) {
            deploy.forEach((id, entry) -> {
                if (DOCKER_TLS.equals(entry.get("kind"))) {
                    hosts.put(id, entry);
                }
            });
        }
        return withSmokeChecks(environment, hosts);
    }

    /** {@code credentials} plus the secret texts of the {@code smokeChecks}, on unused variables; a new map. */
    static Map<String, Map<String, String>> withSmokeChecks(final EnvironmentSpec environment,
            final Map<String, Map<String, String>> credentials) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(credentials);
        addHttpSecrets(all, environment.getSmokeChecks().getChecks());
        return all;
    }

    private static void addHttpSecrets(final Map<String, Map<String, String>> credentials,
            final List<HealthCheckSpec> checks) {
        for (HealthCheckSpec check : checks) {
            if (check instanceof HttpCheckSpec http) {
                for (SecretReference secret : new SecretReference[] {http.getToken(), http.getBasicPassword()}) {
                    if (secret != null && secret.isCredentials()) {
                        add(credentials, secret.getCredentialsId(), SECRET);
                    }
                }
            }
        }
    }

    private static void add(final Map<String, Map<String, String>> credentials, final String id, final String kind) {
        Map<String, String> known = credentials.get(id);
        if (known == null) {
            int number = credentials.size() + 1;
            while (isUsed(credentials, VARIABLE_PREFIX + number)) {
                number++;
            }
            credentials.put(id, DeployProtocol.credential(kind, VARIABLE_PREFIX + number));
        } else if (!known.get("kind").equals(kind)) {
            throw new IllegalArgumentException("the credentials '" + id + "' are used both as a secret text and as a "
                    + "Docker TLS client certificate; use one kind per id");
        }
    }

    private static boolean isUsed(final Map<String, Map<String, String>> credentials, final String variable) {
        return credentials.values().stream().anyMatch(entry -> variable.equals(entry.get("variable")));
    }

    /** The agent environment of a secret text. */
    static Map<String, String> secretText(final String variable, final String value) {
        return Map.of(variable, value);
    }

    /**
     * Why a Docker Commons "X.509 Client Certificate" cannot serve a TLS host, or {@code null} when it can: all three
     * parts present and PEM of the right kind. Never quotes a value.
     */
    static String dockerTlsProblem(final String id, final String ca, final String certificate, final String key) {
        List<String> problems = new java.util.ArrayList<>();
        if (key == null || key.isBlank()) {
            problems.add("the client key is empty");
        } else if (!key.contains("PRIVATE KEY-----")) {
            problems.add("the client key is not a PEM private key (-----BEGIN … PRIVATE KEY-----)");
        } else if (key.contains("ENCRYPTED")) {
            problems.add("the client key is encrypted; store it without a passphrase");
        }
        if (certificate == null || !certificate.contains("-----BEGIN CERTIFICATE-----")) {
            problems.add("the client certificate is not a PEM certificate");
        }
        if (ca == null || !ca.contains("-----BEGIN CERTIFICATE-----")) {
            problems.add("the server CA certificate is not a PEM certificate");
        }
        return problems.isEmpty() ? null : "the X.509 client certificate credentials '" + id + "' cannot be used for "
                + "a Docker host over TLS: " + String.join("; ", problems) + ". Fill in the client key, the client "
                + "certificate and the server CA certificate (PEM, as the docker CLI's key.pem, cert.pem and ca.pem)";
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
