package io.releaseledger.descriptor;

import java.util.Set;
import java.util.regex.Pattern;

/** Recognises secrets written where only a reference belongs. */
final class Secrets {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    /** An environment variable's name, as the CLI reads {@code {env: VAR}}. */
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> REFERENCE_KEYS = Set.of("credentialsId", "env");

    private Secrets() {
    }

    /** A variable whose name says it holds a secret (DB_PASSWORD, API_TOKEN, …). */
    static boolean isSecretName(final String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** PEM or OpenSSH key material, or a certificate, written as text. */
    static boolean looksLikeKeyMaterial(final String value) {
        return value.contains("-----BEGIN ");
    }

    /**
     * Reads a secret reference, {@code {credentialsId: id}} or {@code {env: VAR}}; anything else is reported.
     *
     * @param written how the reference is written at this place, for the message: {@code "secret: "} where the key
     *                is {@code secret}, {@code ""} where the value itself is the reference
     * @return the reference, {@code null} after a problem was reported
     */
    static SecretReference reference(final Problems problems, final String path, final YamlNode node,
            final String written) {
        if (!(node instanceof YamlNode.Mapping)) {
            problems.add(path, node, "a secret is written inline; it must be a reference: " + written
                    + "{credentialsId: …} (Jenkins) or " + written + "{env: VAR} (CLI), never the value");
            return null;
        }
        Fields fields = Fields.of(problems, path, node, REFERENCE_KEYS);
        if (fields.has("credentialsId") == fields.has("env")) {
            problems.add(path, node, "give exactly one of credentialsId (Jenkins) and env (CLI)");
            return null;
        }
        if (fields.has("env")) {
            String variable = fields.string("env", null);
            if (variable != null && !VARIABLE.matcher(variable).matches()) {
                problems.add(fields.path("env"), fields.node("env"), "'" + variable + "' is not an environment "
                        + "variable name; write the variable's name, never its value");
                return null;
            }
            return variable == null ? null : new SecretReference(null, variable);
        }
        String id = fields.string("credentialsId", null);
        return id == null ? null : new SecretReference(id, null);
    }
}
