package io.releaseledger.agent;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of the {@code drift.observe} agent operation, for both ends: the controller builds the options and
 * reads the result with these methods; {@link DriftOperation} reads the same options on the agent. Options:
 * {@code descriptor} (the YAML text), {@code descriptorSource}, {@code environment}, {@code credentials} (as
 * {@link DeployProtocol}: the hosts' Docker TLS credentials, names of the agent's environment variables, never
 * values) and {@code request} ({@link DriftExpectation#toJson()}). The registry is read with the agent's
 * {@link DeployProtocol#REGISTRY_USERNAME} and {@link DeployProtocol#REGISTRY_PASSWORD}. The result is
 * {@link DriftObservation#toJson()}; a host that cannot be read is part of the result, not an error.
 */
public final class DriftProtocol {
    public static final String OBSERVE = "drift.observe";

    private DriftProtocol() {
    }

    public static Map<String, Object> observeOptions(final String descriptorText, final String descriptorSource,
            final Map<String, Map<String, String>> credentials, final DriftExpectation expected) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("descriptor", descriptorText);
        options.put("descriptorSource", descriptorSource);
        options.put("environment", expected.getEnvironment());
        Map<String, Object> copy = new LinkedHashMap<>();
        credentials.forEach((id, entry) -> copy.put(id, new LinkedHashMap<>(entry)));
        options.put("credentials", copy);
        options.put("request", expected.toJson());
        return options;
    }

    /** The observation of a {@code drift.observe} result. */
    public static DriftObservation readObservation(final Map<String, Object> result) {
        try {
            return DriftObservation.fromJson(result);
        } catch (ReleaseLedgerException e) {
            throw new AgentProtocolException("the " + OBSERVE + " result is not a drift observation: "
                    + e.getMessage());
        }
    }
}
