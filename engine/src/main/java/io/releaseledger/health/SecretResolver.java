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
     * Reads {@code {env: VAR}} from {@code environment}; {@code {credentialsId: …}} must have been bound by Jenkins
     * into the variable {@code credentialsVariable(id)}.
     */
    static SecretResolver fromEnvironment(final Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return reference -> {
            String variable = reference.isCredentials() ? credentialsVariable(reference.getCredentialsId())
                    : reference.getEnvironmentVariable();
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw new ReleaseLedgerException("the secret of " + reference + " is not set: the check needs the "
                        + "environment variable " + variable);
            }
            return value;
        };
    }

    /** The variable a Jenkins credential is bound to for the agent: {@code RELEASE_LEDGER_SECRET_} and the id. */
    static String credentialsVariable(final String credentialsId) {
        return "RELEASE_LEDGER_SECRET_" + credentialsId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** For checks without secrets: any reference is an error. */
    static SecretResolver none() {
        return reference -> {
            throw new ReleaseLedgerException("no secrets are available here, but a check needs " + reference);
        };
    }
}
