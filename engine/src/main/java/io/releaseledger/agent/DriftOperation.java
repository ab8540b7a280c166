package io.releaseledger.agent;

import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.LocalDriftExecutor;

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
        OptionReader reader = new OptionReader(DriftProtocol.OBSERVE, request.getOptions(), KNOWN);
        // The controller compared against the descriptor with the step's overrides: observe the same one.
        try (EnvironmentScope<DriftExpectation> scope = EnvironmentScope.forReading(reader, processEnvironment,
                "drift", DriftExpectation::fromJson, DriftExpectation::getEnvironment)) {
            DriftExpectation expected = scope.request();
            DriftObservation observation = new LocalDriftExecutor(scope.descriptor(),
                    expected.getRegistryTag() == null ? null : DeployOperation.registry(scope.descriptor(),
                            processEnvironment)).setTargets(scope.targets()).observe(expected);
            return scope.mask().maskValues(Json.parseObject(Json.write(observation.toJson())));
        }
    }
}
