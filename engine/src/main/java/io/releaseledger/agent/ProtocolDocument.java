package io.releaseledger.agent;

import io.releaseledger.json.Json;
import io.releaseledger.json.JsonException;
import java.util.Map;

/** Reads the fields shared by requests and responses, with messages that say which document is wrong. */
final class ProtocolDocument {
    private final String what;
    private final Map<String, Object> fields;

    private ProtocolDocument(final String what, final Map<String, Object> fields) {
        this.what = what;
        this.fields = fields;
    }

    /** Parses {@code text} and checks its protocol version. {@code what} names the document in messages. */
    static ProtocolDocument parse(final String what, final String text) {
        if (text == null || text.isBlank()) {
            throw new AgentProtocolException("the " + what + " is empty; expected one JSON object");
        }
        Map<String, Object> fields;
        try {
            fields = Json.parseObject(text);
        } catch (JsonException e) {
            throw new AgentProtocolException("the " + what + " is not valid: " + e.getMessage());
        }
        ProtocolDocument document = new ProtocolDocument(what, fields);
        document.checkProtocol();
        return document;
    }

    private void checkProtocol() {
        Object protocol = fields.get("protocol");
        if (protocol == null) {
            throw new AgentProtocolException("the " + what + " has no \"protocol\" field; this side speaks agent protocol "
                    + AgentRequest.PROTOCOL_VERSION);
        }
        if (!(protocol instanceof Long) || (Long) protocol != AgentRequest.PROTOCOL_VERSION) {
            throw new AgentProtocolException("the " + what + " uses agent protocol " + Json.write(protocol)
                    + " but this side speaks version " + AgentRequest.PROTOCOL_VERSION
                    + "; the plugin and the CLI jar it runs on the agent must come from the same release");
        }
    }

    Object get(final String key) {
        return fields.get(key);
    }

    String requiredString(final String key) {
        Object value = fields.get(key);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new AgentProtocolException("the " + what + " needs a non-empty string \"" + key + "\", found "
                    + Json.describe(value));
        }
        return (String) value;
    }

    boolean requiredBoolean(final String key) {
        Object value = fields.get(key);
        if (!(value instanceof Boolean)) {
            throw new AgentProtocolException("the " + what + " needs a boolean \"" + key + "\", found "
                    + Json.describe(value));
        }
        return (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> optionalObject(final String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new AgentProtocolException("the " + what + " needs an object \"" + key + "\", found "
                    + Json.describe(value));
        }
        return (Map<String, Object>) value;
    }

    AgentProtocolException invalid(final String problem) {
        return new AgentProtocolException("the " + what + " is not valid: " + problem);
    }
}
