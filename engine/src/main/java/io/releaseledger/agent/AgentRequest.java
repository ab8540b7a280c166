package io.releaseledger.agent;

import io.releaseledger.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the controller asks the agent to do: an operation, the workspace it runs in and its options (the step
 * parameters, never a secret: secrets travel in the agent's environment, see {@link AgentEnvironment}).
 *
 * <pre>{@code
 * {"protocol": 1, "operation": "semverTag", "workspace": "/home/agent/ws/app", "options": {"prefix": "v"}}
 * }</pre>
 */
public final class AgentRequest {
    /** The version of the protocol both sides must speak; requests and responses carry it. */
    public static final int PROTOCOL_VERSION = 1;

    private final String operation;
    private final String workspace;
    private final Map<String, Object> options;

    /**
     * @param options JSON-compatible values (String, Boolean, Number, List, Map, null); {@code null} means none
     */
    public AgentRequest(final String operation, final String workspace, final Map<String, Object> options) {
        this.operation = requireText(operation, "operation");
        this.workspace = requireText(workspace, "workspace");
        this.options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    private static String requireText(final String value, final String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public String getOperation() {
        return operation;
    }

    public String getWorkspace() {
        return workspace;
    }

    /** The options in the order they were given; unmodifiable. */
    public Map<String, Object> getOptions() {
        return options;
    }

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("protocol", PROTOCOL_VERSION);
        document.put("operation", operation);
        document.put("workspace", workspace);
        document.put("options", options);
        // ASCII only: the agent's stdin and stdout may not be UTF-8.
        return Json.writeAscii(document);
    }

    /**
     * Reads a request written by {@link #toJson()}.
     *
     * @throws AgentProtocolException if the text is not JSON, speaks another protocol version or lacks a field
     */
    public static AgentRequest fromJson(final String json) {
        ProtocolDocument document = ProtocolDocument.parse("agent request", json);
        return new AgentRequest(document.requiredString("operation"), document.requiredString("workspace"),
                document.optionalObject("options"));
    }

    @Override
    public String toString() {
        return "AgentRequest[" + operation + " in " + workspace + "]";
    }
}
