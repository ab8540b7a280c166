package io.releaseledger.agent;

import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.LocalSmokeCheckExecutor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code smoke.run} operation ({@link SmokeProtocol}): the agent's side of a
 * {@link io.releaseledger.smoke.SmokeCheckExecutor} whose command runs on the Jenkins controller. Parses the
 * descriptor text, resolves the checks' secrets from the credentials the request names (values only in this
 * process's environment) and {@code {env: VAR}} from this process, and runs a {@link LocalSmokeCheckExecutor}.
 * Progress is written to {@code live} as it happens (masked); the result is the masked {@link SmokeOutcome}.
 */
public final class SmokeOperation implements AgentOperation {
    private static final Set<String> KNOWN = Set.of("descriptor", "descriptorSource", "environment", "credentials", DeployProtocol.OVERRIDES,
            "request");

    private final Map<String, String> processEnvironment;
    private final Consumer<String> live;

    /**
     * @param processEnvironment where the credentials' values and {@code {env: VAR}} secrets are read
     * @param live               receives each progress line (masked) as it happens, e.g. stderr
     */
    public SmokeOperation(final Map<String, String> processEnvironment, final Consumer<String> live) {
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public String getName() {
        return SmokeProtocol.RUN;
    }

    @Override
    public Map<String, Object> run(final AgentRequest request, final Messages messages) {
        OptionReader reader = new OptionReader(SmokeProtocol.RUN, request.getOptions(), KNOWN);
        try (EnvironmentScope<SmokeRequest> scope = EnvironmentScope.forReading(reader, processEnvironment, "smoke",
                SmokeRequest::fromJson, SmokeRequest::getEnvironment)) {
            SmokeRequest smoke = scope.request();
            Messages progress = ProgressLines.to(live, scope.mask());
            SmokeOutcome outcome = new LocalSmokeCheckExecutor(scope.descriptor()).setMessages(progress)
                    .setSecrets(resolver(scope.credentials())).setEnvironmentVariables(processEnvironment)
                    .setTargets(scope.targets()).setWorkspace(Path.of(request.getWorkspace()))
                    .setRegistry(smoke.getDrift() == null ? null
                            : DeployOperation.registry(scope.descriptor(), processEnvironment)).run(smoke);
            // The checks masked what they resolved; this masks whatever else the agent can reach.
            return scope.mask().maskValues(Json.parseObject(Json.write(outcome.toJson())));
        }
    }

    private static SecretResolver resolver(final DeployCredentials credentials) {
        return reference -> {
            String value = credentials.secret(reference);
            if (value == null || value.isEmpty()) {
                throw new AgentProtocolException("the secret of " + reference + " (used by a smoke check) is not "
                        + "available on the agent: " + hint(reference) + "; no check was run.");
            }
            return value;
        };
    }

    private static String hint(final SecretReference reference) {
        return reference.isCredentials() ? "were the credentials provided to the step, and may the build use them?"
                : "set it in the agent's environment";
    }
}
