package io.releaseledger.health;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.descriptor.SecretReference;

import java.util.Map;
import java.util.Objects;

/** Turns the descriptor's secret references into values, where the run happens (the CLI or the agent). */
@FunctionalInterface
public interface SecretResolver {
    /**
     * The secret's value.
     *
     * @throws ReleaseLedgerException when it cannot be found; the message names the reference, never a value
     */
    String resolve(SecretReference reference);

    /**
     * For the CLI: {@code {env: VAR}} is read from {@code environment}. A {@code {credentialsId: id}} is a Jenkins
     * credential; it cannot be resolved here and fails, saying so (on the agent use
     * {@link #fromEnvironment(Map, Map)}).
     */
    static SecretResolver fromEnvironment(final Map<String, String> environment) {
        return fromEnvironment(environment, Map.of());
    }

    /**
     * For the agent: {@code {env: VAR}} is read from {@code environment}, and {@code {credentialsId: id}} from the
     * variable the request's {@code credentials} option names for {@code id}.
     *
     * @param credentialVariables credentials id to the name of the environment variable holding its value
     */
    static SecretResolver fromEnvironment(final Map<String, String> environment,
            final Map<String, String> credentialVariables) {
        Objects.requireNonNull(environment, "environment");
        Map<String, String> variables = Map.copyOf(credentialVariables);
        return reference -> {
            String variable = reference.isCredentials() ? variables.get(reference.getCredentialsId())
                    : reference.getEnvironmentVariable();
            if (variable == null) {
                throw new ReleaseLedgerException("the secret of " + reference + " is not available: Jenkins "
                        + "credentials are resolved only by the Release Ledger steps; outside Jenkins use "
                        + "{env: VARIABLE}");
            }
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw new ReleaseLedgerException("the secret of " + reference + " is not set: the check needs the "
                        + "environment variable " + variable);
            }
            return value;
        };
    }

    /** For checks without secrets: any reference is an error. */
    static SecretResolver none() {
        return reference -> {
            throw new ReleaseLedgerException("no secrets are available here, but a check needs " + reference);
        };
    }
}
