package io.releaseledger.health;

import io.releaseledger.json.Json;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/** RFC 6901 JSON Pointers over what {@link Json#parse} returns. */
final class JsonPointer {
    private static final Pattern SYNTAX = Pattern.compile("(/([^~/]|~[01])*)*");

    private JsonPointer() {
    }

    static boolean isValid(final String pointer) {
        return pointer != null && SYNTAX.matcher(pointer).matches();
    }

    /**
     * The value at {@code pointer}, possibly {@code null} (JSON null).
     *
     * @throws NoSuchElementException when nothing is there; the message says where the path ends
     */
    static Object resolve(final Object root, final String pointer) {
        if (!isValid(pointer)) {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON Pointer");
        }
        Object current = root;
        StringBuilder walked = new StringBuilder();
        for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map) {
                Map<?, ?> object = (Map<?, ?>) current;
                if (!object.containsKey(token)) {
                    throw new NoSuchElementException("no field '" + token + "' at " + at(walked));
                }
                current = object.get(token);
            } else if (current instanceof List && token.matches("0|[1-9][0-9]{0,8}")) {
                List<?> array = (List<?>) current;
                int index = Integer.parseInt(token);
                if (index >= array.size()) {
                    throw new NoSuchElementException("no item " + index + " at " + at(walked) + " (" + array.size()
                            + " items)");
                }
                current = array.get(index);
            } else {
                throw new NoSuchElementException(at(walked) + " is " + Json.describe(current) + ", not a container of '"
                        + token + "'");
            }
            walked.append('/').append(raw);
        }
        return current;
    }

    /** A JSON value as the descriptor writes expected values: text bare, anything else as JSON. */
    static String text(final Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Double && ((Double) value) == Math.rint((Double) value) && !((Double) value).isInfinite()) {
            return Long.toString(((Double) value).longValue());
        }
        return Json.write(value);
    }

    private static String at(final CharSequence walked) {
        return walked.length() == 0 ? "the root" : walked.toString();
    }
}
