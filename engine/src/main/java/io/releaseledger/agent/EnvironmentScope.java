package io.releaseledger.agent;

import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.rollout.EnvironmentTargets;

import java.util.Map;
import java.util.function.Function;

/**
 * What every operation on one environment opens first: the descriptor (with the step's overrides), its environment,
 * the request (which must name the same environment), the credentials the request brought with the mask of their
 * values, and the connections to the environment's hosts with their TLS certificates (files, or a credential's PEM
 * texts in memory). Closing it closes the connections.
 *
 * <pre>{@code
 * try (EnvironmentScope<SmokeRequest> scope = EnvironmentScope.forReading(reader, env, "smoke",
 *         SmokeRequest::fromJson, SmokeRequest::getEnvironment)) { ... }
 * }</pre>
 *
 * @param <R> the request's type, {@link Void} for an operation without one
 */
final class EnvironmentScope<R> implements AutoCloseable {
    private final ReleaseDescriptor descriptor;
    private final EnvironmentSpec environment;
    private final R request;
    private final DeployCredentials credentials;
    private final SecretMask mask;
    private final EnvironmentTargets targets;

    private EnvironmentScope(final ReleaseDescriptor descriptor, final EnvironmentSpec environment, final R request,
            final DeployCredentials credentials) {
        this.descriptor = descriptor;
        this.environment = environment;
        this.request = request;
        this.credentials = credentials;
        this.mask = new SecretMask(credentials.values(environment));
        this.targets = new EnvironmentTargets(environment);
    }

    /**
     * The scope of an operation that changes the environment (a deploy): its options carry no {@code request}, and
     * every credentials id the environment uses must have been provided before anything is touched.
     */
    static EnvironmentScope<Void> forChange(final OptionReader reader, final Map<String, String> processEnvironment) {
        return open(reader, processEnvironment, null, null, null, true);
    }

    /**
     * The scope of an operation that reads the environment, whose options carry a {@code request} for it.
     *
     * @param what          the request's name in messages, e.g. {@code drift}
     * @param parse         reads the {@code request} option
     * @param environmentOf the environment the request names
     */
    static <R> EnvironmentScope<R> forReading(final OptionReader reader, final Map<String, String> processEnvironment,
            final String what, final Function<Map<String, Object>, R> parse, final Function<R, String> environmentOf) {
        return open(reader, processEnvironment, what, parse, environmentOf, false);
    }

    private static <R> EnvironmentScope<R> open(final OptionReader reader, final Map<String, String> processEnvironment,
            final String what, final Function<Map<String, Object>, R> parse, final Function<R, String> environmentOf,
            final boolean requireCredentials) {
        ReleaseDescriptor descriptor = DeployProtocol.readDescriptor(reader);
        String environmentName = reader.string("environment");
        EnvironmentSpec environment = descriptor.getEnvironment(environmentName).orElseThrow(() ->
                new AgentProtocolException("the descriptor " + descriptor.getSource() + " has no environment '"
                        + environmentName + "'"));
        R request = null;
        if (parse != null) {
            request = parse.apply(reader.object("request"));
            String named = environmentOf.apply(request);
            if (!environmentName.equals(named)) {
                throw new AgentProtocolException("the " + what + " request is for environment '" + named
                        + "', the options name '" + environmentName + "'");
            }
        }
        DeployCredentials credentials = new DeployCredentials(reader.credentials(), processEnvironment);
        if (requireCredentials) {
            credentials.requireAll(environment);
        }
        EnvironmentScope<R> scope = new EnvironmentScope<>(descriptor, environment, request, credentials);
        credentials.applyTls(environment, scope.targets);
        return scope;
    }

    ReleaseDescriptor descriptor() {
        return descriptor;
    }

    EnvironmentSpec environment() {
        return environment;
    }

    /** The parsed {@code request}, {@code null} for an operation without one. */
    R request() {
        return request;
    }

    DeployCredentials credentials() {
        return credentials;
    }

    /** Masks every secret value the request can reach. */
    SecretMask mask() {
        return mask;
    }

    /** The environment's hosts and load balancer, TLS certificates applied; closed with the scope. */
    EnvironmentTargets targets() {
        return targets;
    }

    @Override
    public void close() {
        targets.close();
    }
}
