package io.releaseledger.agent;

import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.EnvironmentTargets;
import io.releaseledger.rollout.LocalDriftExecutor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code drift.observe} operation ({@link DriftProtocol}): the agent's side of a
 * {@link io.releaseledger.deploy.DriftExecutor} whose {@link io.releaseledger.deploy.DriftCommand} runs on the
 * Jenkins controller. Reads the environment's hosts (with the TLS files of the credentials the request names), its
 * load balancer and its registry tag through a {@link LocalDriftExecutor}; changes nothing.
 */
public final class DriftOperation implements AgentOperation {
    private static final Set<String> KNOWN = Set.of("descriptor", "descriptorSource", "environment", "credentials",
            "request", DeployProtocol.OVERRIDES);

    private final Map<String, String> processEnvironment;

    /** @param processEnvironment where the credentials' values and the registry credentials are read */
    public DriftOperation(final Map<String, String> processEnvironment) {
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    @Override
    public String getName() {
        return DriftProtocol.OBSERVE;
    }

    @Override
    public Map<String, Object> run(final AgentRequest request, final Messages messages) {
        Map<String, Object> options = request.getOptions();
        OptionReader reader = new OptionReader(DriftProtocol.OBSERVE, options, KNOWN);
        // The controller compared against the descriptor with the step's overrides: observe the same one.
        ReleaseDescriptor descriptor = DeployProtocol.readDescriptor(reader);
        String environmentName = reader.string("environment");
        EnvironmentSpec environment = descriptor.getEnvironment(environmentName).orElseThrow(() ->
                new AgentProtocolException("the descriptor " + descriptor.getSource() + " has no environment '"
                        + environmentName + "'"));
        DriftExpectation expected = DriftExpectation.fromJson(object(options, "request"));
        if (!environmentName.equals(expected.getEnvironment())) {
            throw new AgentProtocolException("the drift request is for environment '" + expected.getEnvironment()
                    + "', the options name '" + environmentName + "'");
        }
        try (DeployCredentials credentials = new DeployCredentials(credentials(options), processEnvironment)) {
            SecretMask mask = new SecretMask(credentials.values(environment));
            EnvironmentTargets targets = new EnvironmentTargets(environment);
            try {
                credentials.applyTls(environment, targets);
                DriftObservation observation = new LocalDriftExecutor(descriptor,
                        expected.getRegistryTag() == null ? null : DeployOperation.registry(descriptor,
                                processEnvironment)).setTargets(targets).observe(expected);
                return mask.maskValues(Json.parseObject(Json.write(observation.toJson())));
            } finally {
                targets.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(final Map<String, Object> options, final String option) {
        Object value = options.get(option);
        if (!(value instanceof Map)) {
            throw new AgentProtocolException("option \"" + option + "\" of " + DriftProtocol.OBSERVE
                    + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> credentials(final Map<String, Object> options) {
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        Object value = options.get("credentials");
        if (value == null) {
            return credentials;
        }
        if (!(value instanceof Map)) {
            throw new AgentProtocolException("option \"credentials\" of " + DriftProtocol.OBSERVE
                    + " must be an object");
        }
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
            if (!(entry.getValue() instanceof Map)) {
                throw new AgentProtocolException("credentials '" + entry.getKey() + "' must be {kind, variable}");
            }
            Map<String, String> strings = new LinkedHashMap<>();
            ((Map<String, Object>) entry.getValue()).forEach((key, v) -> strings.put(key, v instanceof String
                    ? (String) v : null));
            credentials.put(entry.getKey(), strings);
        }
        return credentials;
    }
}
