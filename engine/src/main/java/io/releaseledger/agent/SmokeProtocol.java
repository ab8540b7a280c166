package io.releaseledger.agent;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of the {@code smoke.run} agent operation, for both ends: the controller builds the options and
 * reads the result with these methods; {@link SmokeOperation} reads the same options on the agent. Options:
 * {@code descriptor} (the YAML text), {@code descriptorSource} (its path, for messages), {@code environment},
 * {@code credentials} (as {@link DeployProtocol}: credentials id to {@code {"kind": "secret", "variable":
 * "RELEASE_LEDGER_CREDENTIAL_<n>"}}, names of the agent's environment variables, never values) and {@code request}
 * ({@link SmokeRequest#toJson()}). The result is {@link SmokeOutcome#toJson()}; failed checks are a successful
 * response with {@code passed: false}.
 */
public final class SmokeProtocol {
    public static final String RUN = "smoke.run";

    private SmokeProtocol() {
    }

    public static Map<String, Object> runOptions(final String descriptorText, final String descriptorSource,
            final String environment, final Map<String, Map<String, String>> credentials, final SmokeRequest request) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("descriptor", descriptorText);
        options.put("descriptorSource", descriptorSource);
        options.put("environment", environment);
        Map<String, Object> copy = new LinkedHashMap<>();
        credentials.forEach((id, entry) -> copy.put(id, new LinkedHashMap<>(entry)));
        options.put("credentials", copy);
        options.put("request", request.toJson());
        return options;
    }

    /** The outcome of a {@code smoke.run} result. */
    public static SmokeOutcome readOutcome(final Map<String, Object> result) {
        try {
            return SmokeOutcome.fromJson(result);
        } catch (ReleaseLedgerException e) {
            throw new AgentProtocolException("the " + RUN + " result is not a smoke outcome: " + e.getMessage());
        }
    }
}
