package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.health.SecretMask;
import io.releaseledger.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Registry credentials of {@code deploy}, {@code promote} and {@code rollback}: the username from an option (or
 * {@code $RELEASE_LEDGER_REGISTRY_USERNAME}), the password only from {@code $RELEASE_LEDGER_REGISTRY_PASSWORD} or a
 * file, never from an argument.
 */
final class RegistryOptions {
    static final String USERNAME_VARIABLE = "RELEASE_LEDGER_REGISTRY_USERNAME";
    static final String PASSWORD_VARIABLE = "RELEASE_LEDGER_REGISTRY_PASSWORD";

    @Option(names = "--registry-username", paramLabel = "NAME",
            description = "Registry username (not a secret; default: $RELEASE_LEDGER_REGISTRY_USERNAME). The password"
                    + " comes from $RELEASE_LEDGER_REGISTRY_PASSWORD or --registry-password-file.")
    private String username;

    @Option(names = "--registry-password-file", paramLabel = "FILE",
            description = "Read the registry password from FILE (trailing newlines dropped); replaces"
                    + " $RELEASE_LEDGER_REGISTRY_PASSWORD.")
    private Path passwordFile;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * Only to refuse it, as a usage error, with the right hint: a password on the command line shows in ps and build
     * logs. The value is never echoed.
     */
    @Option(names = {"--registry-password", "--registry-token"}, hidden = true, paramLabel = "SECRET")
    private void refusePasswordArgument(final String ignored) {
        throw new ParameterException(command.commandLine(), "secrets are never taken from arguments (they show in ps"
                + " and logs): pass the registry password in $" + PASSWORD_VARIABLE + " or give --registry-password-file");
    }

    /** The password, or {@code null}; for masking too. */
    String password(final Map<String, String> environment) {
        if (passwordFile != null) {
            return SecretFiles.read(passwordFile, "registry password", "--registry-password-file");
        }
        String value = environment.get(PASSWORD_VARIABLE);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The password and, with a username, the Base64 of {@code user:password} a Basic login sends: for masking. */
    List<String> secrets(final Map<String, String> environment) {
        String password = password(environment);
        if (password == null) {
            return List.of();
        }
        String user = username != null ? username : environment.get(USERNAME_VARIABLE);
        return user == null || user.isBlank() ? List.of(password)
                : List.of(password, SecretMask.basicCredentials(user, password));
    }

    /** The credentials, or {@code null} for anonymous access. */
    RegistryCredentials credentials(final Map<String, String> environment) {
        String user = username != null ? username : environment.get(USERNAME_VARIABLE);
        if (user != null && user.isBlank()) {
            user = null;
        }
        String password = password(environment);
        if (user == null && password == null) {
            return null;
        }
        if (user == null) {
            throw new ReleaseLedgerException("a registry password is set (" + (passwordFile != null
                    ? "--registry-password-file" : "$" + PASSWORD_VARIABLE) + ") but no username: give"
                    + " --registry-username or $" + USERNAME_VARIABLE);
        }
        if (password == null) {
            throw new ReleaseLedgerException("registry username " + user + " has no password: set $"
                    + PASSWORD_VARIABLE + " or give --registry-password-file");
        }
        if (user.contains(":")) {
            throw new ReleaseLedgerException("registry username " + user + " must not contain ':'");
        }
        return RegistryCredentials.of(user, password);
    }
}
