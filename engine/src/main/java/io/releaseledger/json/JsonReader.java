package io.releaseledger.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent parser of one JSON document; strict RFC 8259, no comments, no trailing commas. */
final class JsonReader {
    private final String text;
    private int pos;
    private int depth;

    JsonReader(final String text) {
        if (text == null) {
            throw new JsonException("no JSON text (null)");
        }
        if (text.length() > Json.MAX_DOCUMENT_CHARS) {
            throw new JsonException("the JSON text has " + text.length() + " characters, more than the "
                    + Json.MAX_DOCUMENT_CHARS + " read");
        }
        this.text = text;
    }

    Object readDocument() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("empty document, expected a JSON value");
        }
        Object value = readValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected " + describeCurrent() + " after the JSON value");
        }
        return value;
    }

    private Object readValue() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                return readLiteral("true", Boolean.TRUE);
            case 'f':
                return readLiteral("false", Boolean.FALSE);
            case 'n':
                return readLiteral("null", null);
            default:
                if (c == '-' || isDigit(c)) {
                    return readNumber();
                }
                throw error("unexpected " + describeCurrent() + ", expected a value");
        }
    }

    private Map<String, Object> readObject() {
        enter();
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeCurrent() + ", expected a string as object key");
            }
            int keyStart = pos;
            String key = readString();
            if (object.containsKey(key)) {
                throw errorAt(keyStart, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':', "':' after object key");
            object.put(key, readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return object;
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeCurrent() + ", expected ',' or '}' in object");
            }
        }
    }

    private List<Object> readArray() {
        enter();
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return array;
        }
        while (true) {
            array.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return array;
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeCurrent() + ", expected ',' or ']' in array");
            }
        }
    }

    private String readString() {
        int start = pos;
        pos++; // opening quote
        // Most strings (commit ids, subjects, times) have no escape: taken as one substring, without a builder that
        // grows and is copied again (a large version.tagged line holds a quarter of a million of them).
        int end = pos;
        int length = text.length();
        while (end < length && text.charAt(end) != '"' && text.charAt(end) != '\\' && text.charAt(end) >= 0x20) {
            end++;
        }
        if (end < length && text.charAt(end) == '"' && end - pos <= Json.MAX_STRING_CHARS) {
            String plain = text.substring(pos, end);
            pos = end + 1;
            return plain;
        }
        StringBuilder out = new StringBuilder(end - pos + 16).append(text, pos, end);
        pos = end;
        while (true) {
            if (pos >= text.length()) {
                throw errorAt(start, "unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                if (out.length() > Json.MAX_STRING_CHARS) {
                    throw errorAt(start, "a string longer than " + Json.MAX_STRING_CHARS + " characters");
                }
                return out.toString();
            }
            if (c == '\\') {
                readEscape(out);
            } else if (c < 0x20) {
                throw error(String.format("control character U+%04X must be escaped in a string", (int) c));
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void readEscape(final StringBuilder out) {
        pos++; // backslash
        if (pos >= text.length()) {
            throw error("unterminated escape sequence");
        }
        char c = text.charAt(pos);
        pos++;
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            // Surrogate pairs arrive as two \\u escapes and simply become two chars of the Java string.
            case 'u' -> out.append(readHex4());
            default -> {
                pos--;
                throw error("invalid escape sequence '\\" + c + "'");
            }
        }
    }

    private char readHex4() {
        if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape, expected 4 hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw errorAt(pos + i, "invalid hex digit '" + text.charAt(pos + i) + "' in \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object readNumber() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw errorAt(start, "leading zeros are not allowed in numbers");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            skipDigits();
        }
        if (pos - start > Json.MAX_NUMBER_CHARS) {
            // BigInteger and Double.parseDouble take seconds per million digits; the scan above is linear.
            throw errorAt(start, "a number longer than " + Json.MAX_NUMBER_CHARS + " characters");
        }
        String number = text.substring(start, pos);
        if (integral) {
            BigInteger big = new BigInteger(number);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value)) {
            throw errorAt(start, "number " + number + " is out of range");
        }
        return value;
    }

    private Object readLiteral(final String literal, final Object value) {
        if (!text.startsWith(literal, pos)) {
            throw error("unexpected " + describeCurrent() + ", expected a value");
        }
        pos += literal.length();
        return value;
    }

    private void enter() {
        depth++;
        if (depth > Json.MAX_DEPTH) {
            throw error("nesting deeper than " + Json.MAX_DEPTH + " levels");
        }
    }

    private void expect(final char c, final String what) {
        if (peek() != c) {
            throw error("unexpected " + describeCurrent() + ", expected " + what);
        }
        pos++;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current char, or 0 at the end (0 is never valid outside strings, so it needs no special case). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private String describeCurrent() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        if (c < 0x20 || c == 0x7f) {
            return String.format("character U+%04X", (int) c);
        }
        return "character '" + c + "'";
    }

    private JsonException error(final String message) {
        return errorAt(pos, message);
    }

    private JsonException errorAt(final int offset, final String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonException("invalid JSON at line " + line + ", column " + column + " (offset " + offset
                + "): " + message);
    }
}
