package io.releaseledger.descriptor;

import java.util.regex.Pattern;

/** Recognises secrets written where only a reference belongs. */
final class Secrets {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

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
}
