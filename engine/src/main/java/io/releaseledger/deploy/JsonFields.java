package io.releaseledger.deploy;

import java.util.Map;

/** Reads fields of the JSON maps this package writes, with messages that name the missing field. */
final class JsonFields {
    private JsonFields() {
    }

    static String string(final Map<String, Object> json, final String key) {
        Object value = json.get(key);
        if (!(value instanceof String)) {
            throw new DeploymentException("The deployment plan has no text field '" + key + "' (found " + value
                    + "); it was not written by this version of Release Ledger.");
        }
        return (String) value;
    }

    static String optionalString(final Map<String, Object> json, final String key) {
        Object value = json.get(key);
        return value instanceof String ? (String) value : null;
    }

    static int integer(final Map<String, Object> json, final String key) {
        Object value = json.get(key);
        if (!(value instanceof Number)) {
            throw new DeploymentException("The deployment plan has no number field '" + key + "' (found " + value
                    + "); it was not written by this version of Release Ledger.");
        }
        return ((Number) value).intValue();
    }
}
