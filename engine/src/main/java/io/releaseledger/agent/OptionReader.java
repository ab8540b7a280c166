package io.releaseledger.agent;

import io.releaseledger.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to a request's options, with messages that name the option and the operation. */
final class OptionReader {
    private final String operation;
    private final Map<String, Object> options;

    OptionReader(final String operation, final Map<String, Object> options, final Set<String> known) {
        this.operation = operation;
        this.options = options;
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new AgentProtocolException("unknown option \"" + name + "\" for " + operation + "; known options: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** Whether the option is present and not null; null means "use the default". */
    boolean has(final String name) {
        return options.get(name) != null;
    }

    String string(final String name) {
        Object value = options.get(name);
        if (!(value instanceof String)) {
            throw wrongType(name, "a string", value);
        }
        return (String) value;
    }

    boolean bool(final String name) {
        Object value = options.get(name);
        if (!(value instanceof Boolean)) {
            throw wrongType(name, "true or false", value);
        }
        return (Boolean) value;
    }

    int integer(final String name) {
        Object value = options.get(name);
        if (!(value instanceof Long || value instanceof Integer)
                || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw wrongType(name, "an integer", value);
        }
        return ((Number) value).intValue();
    }

    List<String> strings(final String name) {
        Object value = options.get(name);
        if (!(value instanceof List)) {
            throw wrongType(name, "an array of strings", value);
        }
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw wrongType(name, "an array of strings", value);
            }
            strings.add((String) item);
        }
        return strings;
    }

    Map<String, String> stringMap(final String name) {
        Object value = options.get(name);
        if (!(value instanceof Map)) {
            throw wrongType(name, "an object of strings", value);
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                throw new AgentProtocolException("option \"" + name + "\" of " + operation + " must be an object of"
                        + " strings; \"" + entry.getKey() + "\" is " + Json.describe(entry.getValue()));
            }
            strings.put((String) entry.getKey(), (String) entry.getValue());
        }
        return strings;
    }

    /** An option holding a JSON object, such as a request or a plan. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(final String name) {
        Object value = options.get(name);
        if (!(value instanceof Map)) {
            throw wrongType(name, "an object", value);
        }
        return (Map<String, Object>) value;
    }

    /**
     * The {@code credentials} option: each id the environment uses to {@code {kind, variable}} (a value that is not a
     * string reads as missing, for {@link DeployCredentials} to name); empty when the option is absent.
     */
    Map<String, Map<String, String>> credentials() {
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        if (!has("credentials")) {
            return credentials;
        }
        for (Map.Entry<String, Object> entry : object("credentials").entrySet()) {
            if (!(entry.getValue() instanceof Map)) {
                throw new AgentProtocolException("credentials '" + entry.getKey() + "' of " + operation
                        + " must be {kind, variable}");
            }
            Map<String, String> strings = new LinkedHashMap<>();
            ((Map<?, ?>) entry.getValue()).forEach((key, value) -> strings.put((String) key, value instanceof String
                    ? (String) value : null));
            credentials.put(entry.getKey(), strings);
        }
        return credentials;
    }

    /** An enum constant by name, case-insensitive, limited to {@code allowed}. */
    <E extends Enum<E>> E choice(final String name, final Class<E> type, final Set<E> allowed) {
        String text = string(name);
        for (E candidate : allowed) {
            if (candidate.name().equals(text.toUpperCase(Locale.ROOT))) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        allowed.forEach(candidate -> names.add(candidate.name()));
        throw new AgentProtocolException("option \"" + name + "\" of " + operation + " must be one of "
                + String.join(", ", names) + ", not \"" + text + "\"");
    }

    private AgentProtocolException wrongType(final String name, final String expected, final Object value) {
        String found = value instanceof String ? "the string \"" + value + "\"" : Json.describe(value);
        return new AgentProtocolException("option \"" + name + "\" of " + operation + " must be " + expected
                + ", found " + found);
    }
}
