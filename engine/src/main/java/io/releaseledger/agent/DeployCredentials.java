package io.releaseledger.agent;

import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.EnvironmentVariable;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.docker.TlsPem;
import io.releaseledger.rollout.EnvironmentTargets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a {@code deploy.*} request on the agent: the {@code credentials} option maps each Jenkins
 * credentials id to the environment variable(s) holding its value; the values themselves are only in this
 * process's environment. Checked against the environment of the descriptor before anything is touched. Docker TLS
 * PEM texts stay in memory: they go to the hosts' connections as they are, never to a file.
 */
final class DeployCredentials {
    private final Map<String, String> kinds = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> processEnvironment;

    DeployCredentials(final Map<String, Map<String, String>> credentials, final Map<String, String> processEnvironment) {
        this.processEnvironment = processEnvironment;
        credentials.forEach((id, entry) -> {
            String kind = entry.get("kind");
            String variable = entry.get("variable");
            if (!DeployProtocol.KIND_SECRET.equals(kind) && !DeployProtocol.KIND_DOCKER_TLS.equals(kind)) {
                throw new AgentProtocolException("credentials '" + id + "' has kind \"" + kind + "\"; expected "
                        + DeployProtocol.KIND_SECRET + " or " + DeployProtocol.KIND_DOCKER_TLS);
            }
            if (variable == null || !variable.startsWith("RELEASE_LEDGER_")) {
                throw new AgentProtocolException("credentials '" + id + "' needs a \"variable\" named RELEASE_LEDGER_…");
            }
            kinds.put(id, kind);
            variables.put(id, variable);
        });
    }

    /** Fails, naming the id, when the environment refers to credentials the request did not bring. */
    void requireAll(final EnvironmentSpec environment) {
        requireTls(environment);
        for (EnvironmentVariable variable : environment.getContainer().getEnv()) {
            if (variable.isSecret() && variable.getSecret().isCredentials()) {
                String id = variable.getSecret().getCredentialsId();
                require(id, DeployProtocol.KIND_SECRET, "environment variable " + variable.getName());
                requireValue(id, variables.get(id));
            }
        }
    }

    private void require(final String id, final String kind, final String usedBy) {
        if (!kinds.containsKey(id)) {
            throw new AgentProtocolException("credentials '" + id + "' (used by " + usedBy + ") were not provided"
                    + " to the agent; nothing was changed. Check that the credentials exist and the build may use them.");
        }
        if (!kind.equals(kinds.get(id))) {
            throw new AgentProtocolException("credentials '" + id + "' (used by " + usedBy + ") must be of kind "
                    + kind + ", not " + kinds.get(id) + "; nothing was changed.");
        }
    }

    private void requireValue(final String id, final String variable) {
        String value = processEnvironment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new AgentProtocolException("credentials '" + id + "': the agent's environment lacks " + variable
                    + "; nothing was changed.");
        }
    }

    /** Secrets of the containers' environment: credentials by id, {@code {env: VAR}} from this process. */
    String secret(final SecretReference reference) {
        if (reference.isCredentials()) {
            String variable = variables.get(reference.getCredentialsId());
            return variable == null || !DeployProtocol.KIND_SECRET.equals(kinds.get(reference.getCredentialsId()))
                    ? null : processEnvironment.get(variable);
        }
        return reference.getEnvironmentVariable() == null ? null
                : processEnvironment.get(reference.getEnvironmentVariable());
    }

    /** Every secret value this request can reach, for masking what the agent prints. */
    List<String> values(final EnvironmentSpec environment) {
        List<String> values = new ArrayList<>();
        variables.forEach((id, variable) -> {
            for (String name : List.of(variable, variable + "_KEY")) {
                String value = processEnvironment.get(name);
                if (value != null) {
                    values.add(value);
                }
            }
        });
        for (EnvironmentVariable variable : environment.getContainer().getEnv()) {
            if (variable.isSecret()) {
                String value = secret(variable.getSecret());
                if (value != null) {
                    values.add(value);
                }
            }
        }
        String registry = processEnvironment.get(DeployProtocol.REGISTRY_PASSWORD);
        if (registry != null) {
            values.add(registry);
        }
        return values;
    }

    // Reads (drift, smoke) need a host's certificate as much as a deploy does: checked before any host is used.
    private void requireTls(final EnvironmentSpec environment) {
        for (DockerHostSpec host : environment.getHosts()) {
            if (host.getTls() != null && host.getTls().isCredentials()) {
                String id = host.getTls().getCredentialsId();
                require(id, DeployProtocol.KIND_DOCKER_TLS, "the TLS of host " + host.getName());
                for (String suffix : List.of("_CA", "_CERT", "_KEY")) {
                    requireValue(id, variables.get(id) + suffix);
                }
            }
        }
    }

    /**
     * Gives every host whose TLS is a credentials id its PEM texts, in memory: the key never reaches the agent's disk.
     */
    void applyTls(final EnvironmentSpec environment, final EnvironmentTargets targets) {
        requireTls(environment);
        for (DockerHostSpec host : environment.getHosts()) {
            if (host.getTls() != null && host.getTls().isCredentials()) {
                String id = host.getTls().getCredentialsId();
                String variable = variables.get(id);
                targets.setCertificates(host.getName(), new TlsPem("credentials '" + id + "'",
                        processEnvironment.get(variable + "_CA"), processEnvironment.get(variable + "_CERT"),
                        processEnvironment.get(variable + "_KEY")));
            }
        }
    }
}
