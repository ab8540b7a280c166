package io.releaseledger.agent;

import io.releaseledger.json.Json;
import io.releaseledger.report.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent answers: {@code ok} with a {@code result}, or an {@code error}; both with the messages the
 * engine collected, which the controller prints to the build log.
 *
 * <pre>{@code
 * {"protocol": 1, "ok": true, "result": {"version": "1.4.0"}, "messages": [{"level": "INFO", "text": "..."}]}
 * {"protocol": 1, "ok": false, "error": "...", "messages": []}
 * }</pre>
 */
public final class AgentResponse {
    private final Map<String, Object> result;
    private final String error;
    private final List<Message> messages;

    private AgentResponse(final Map<String, Object> result, final String error, final List<Message> messages) {
        this.result = result;
        this.error = error;
        this.messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public static AgentResponse success(final Map<String, Object> result, final List<Message> messages) {
        Objects.requireNonNull(result, "result");
        return new AgentResponse(Collections.unmodifiableMap(new LinkedHashMap<>(result)), null, messages);
    }

    public static AgentResponse failure(final String error, final List<Message> messages) {
        Objects.requireNonNull(error, "error");
        return new AgentResponse(null, error, messages);
    }

    public boolean isOk() {
        return error == null;
    }

    /** The user-facing error message, {@code null} when {@link #isOk()}. */
    public String getError() {
        return error;
    }

    /** The operation's result, {@code null} unless {@link #isOk()}. */
    public Map<String, Object> getResult() {
        return result;
    }

    public List<Message> getMessages() {
        return messages;
    }

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("protocol", AgentRequest.PROTOCOL_VERSION);
        document.put("ok", isOk());
        if (isOk()) {
            document.put("result", result);
        } else {
            document.put("error", error);
        }
        List<Map<String, Object>> written = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("level", message.getLevel().name());
            entry.put("text", message.getText());
            written.add(entry);
        }
        document.put("messages", written);
        // ASCII only: the agent's stdin and stdout may not be UTF-8.
        return Json.writeAscii(document);
    }

    /**
     * Reads a response written by {@link #toJson()}.
     *
     * @throws AgentProtocolException if the text is not JSON, speaks another protocol version or lacks a field
     */
    public static AgentResponse fromJson(final String json) {
        ProtocolDocument document = ProtocolDocument.parse("agent response", json);
        List<Message> messages = readMessages(document);
        if (document.requiredBoolean("ok")) {
            if (!(document.get("result") instanceof Map)) {
                throw document.invalid("\"ok\" is true but \"result\" is " + Json.describe(document.get("result"))
                        + ", not an object");
            }
            return success(document.optionalObject("result"), messages);
        }
        return failure(document.requiredString("error"), messages);
    }

    private static List<Message> readMessages(final ProtocolDocument document) {
        Object value = document.get("messages");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw document.invalid("\"messages\" must be an array, found " + Json.describe(value));
        }
        List<Message> messages = new ArrayList<>();
        for (Object item : (List<?>) value) {
            messages.add(readMessage(document, item));
        }
        return messages;
    }

    private static Message readMessage(final ProtocolDocument document, final Object item) {
        if (!(item instanceof Map) || !(((Map<?, ?>) item).get("level") instanceof String)
                || !(((Map<?, ?>) item).get("text") instanceof String)) {
            throw document.invalid("every message needs a string \"level\" and \"text\", found " + Json.write(item));
        }
        String level = (String) ((Map<?, ?>) item).get("level");
        try {
            return new Message(Message.Level.valueOf(level), (String) ((Map<?, ?>) item).get("text"));
        } catch (IllegalArgumentException e) {
            throw document.invalid("unknown message level \"" + level + "\" (expected INFO, WARNING or ERROR)");
        }
    }

    @Override
    public String toString() {
        return isOk() ? "AgentResponse[ok " + result + "]" : "AgentResponse[error " + error + "]";
    }
}
