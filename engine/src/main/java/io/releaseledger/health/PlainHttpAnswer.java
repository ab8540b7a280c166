package io.releaseledger.health;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.x answer read as its bytes come: the status line and headers (1xx answers skipped), then the body by
 * Content-Length, chunked, or up to the close; none after HEAD, 204 or 304. The body is kept to at most
 * {@link BoundedBody#MAX_BYTES} (one byte more when cut, and the connection is not used again). What it does not
 * understand is a {@link ProtocolException} saying what.
 */
final class PlainHttpAnswer {
    /** Status line and headers together: more is not a health answer. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE = 4096;

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final boolean headRequest;
    private byte[] in = new byte[4096];
    private int length;
    private int position;
    private boolean receivedAny;
    private State state = State.HEAD;
    private int status;
    private HttpHeaders headers;
    private boolean closeAfter;
    private long remaining;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    PlainHttpAnswer(final boolean headRequest) {
        this.headRequest = headRequest;
    }

    /** Takes the bytes read; whether the answer is complete. */
    boolean accept(final ByteBuffer read) throws ProtocolException {
        if (read.hasRemaining()) {
            receivedAny = true;
        }
        if (state == State.DONE) {
            return true; // what follows an answer is left in read: the connection is not used again
        }
        if (position > 0) {
            System.arraycopy(in, position, in, 0, length - position);
            length -= position;
            position = 0;
        }
        if (in.length - length < read.remaining()) {
            in = java.util.Arrays.copyOf(in, Math.max(in.length * 2, length + read.remaining()));
        }
        int taken = read.remaining();
        read.get(in, length, taken);
        length += taken;
        while (step()) {
            if (state == State.DONE) {
                break;
            }
        }
        if (state == State.DONE && position < length) {
            closeAfter = true; // more bytes than the answer: not a connection to use again
        }
        return state == State.DONE;
    }

    /** The connection was closed: whether that ends the answer (a body delimited by the close). */
    boolean endOfInput() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return true;
        }
        return state == State.DONE;
    }

    boolean receivedAny() {
        return receivedAny;
    }

    /** Whether the connection may carry the next request: HTTP/1.1, not {@code Connection: close}, read to the end. */
    boolean reusable() {
        return state == State.DONE && !closeAfter;
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    byte[] body() {
        return body.toByteArray();
    }

    /** One step of parsing; false when more bytes are needed (or the answer is complete). */
    private boolean step() throws ProtocolException {
        switch (state) {
            case HEAD:
                return head();
            case LENGTH:
                return take(State.DONE);
            case UNTIL_CLOSE:
                take(State.UNTIL_CLOSE);
                return false;
            case CHUNK_SIZE:
                return chunkSize();
            case CHUNK_DATA:
                return take(State.CHUNK_END);
            case CHUNK_END:
                return chunkEnd();
            case TRAILERS:
                return trailer();
            default:
                return false;
        }
    }

    private boolean head() throws ProtocolException {
        int end = indexOf("\r\n\r\n", position);
        if (end < 0) {
            if (length - position > MAX_HEAD_BYTES) {
                throw new ProtocolException("the answer's headers are larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
            }
            return false;
        }
        String[] lines = new String(in, position, end - position, StandardCharsets.ISO_8859_1).split("\r\n");
        position = end + 4;
        String statusLine = lines[0];
        if (!(statusLine.startsWith("HTTP/1.1 ") || statusLine.startsWith("HTTP/1.0 ")) || statusLine.length() < 12
                || !statusLine.substring(9, 12).chars().allMatch(Character::isDigit)
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new ProtocolException("not an HTTP/1.1 status line: \"" + printable(statusLine) + "\"");
        }
        status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || Character.isWhitespace(lines[i].charAt(0))
                    || Character.isWhitespace(lines[i].charAt(colon - 1))) {
                throw new ProtocolException("a header line that is not \"name: value\": \"" + printable(lines[i])
                        + "\"");
            }
            fields.computeIfAbsent(lines[i].substring(0, colon), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        if (status == 101) {
            throw new ProtocolException("the server switched protocols (101 Switching Protocols)");
        }
        if (status < 200) {
            return true; // 100 Continue, 102, 103: the answer is still to come
        }
        headers = HttpHeaders.of(fields, (name, value) -> true);
        closeAfter = statusLine.startsWith("HTTP/1.0 ") || headers.allValues("Connection").stream()
                .anyMatch(value -> List.of(value.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("close"));
        List<String> coding = headers.allValues("Transfer-Encoding");
        List<String> lengths = headers.allValues("Content-Length");
        if (headRequest || status == 204 || status == 304) {
            state = State.DONE;
        } else if (!coding.isEmpty()) {
            if (coding.size() != 1 || !"chunked".equalsIgnoreCase(coding.get(0))) {
                throw new ProtocolException("Transfer-Encoding \"" + printable(String.join(", ", coding))
                        + "\" is not understood (only chunked)");
            }
            state = State.CHUNK_SIZE;
        } else if (!lengths.isEmpty()) {
            remaining = contentLength(lengths);
            state = remaining == 0 ? State.DONE : State.LENGTH;
        } else {
            state = State.UNTIL_CLOSE;
            closeAfter = true;
        }
        return true;
    }

    private static long contentLength(final List<String> values) throws ProtocolException {
        long found = -1;
        for (String value : values) {
            for (String one : value.split(",")) {
                String digits = one.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)
                        || found >= 0 && Long.parseLong(digits) != found) {
                    throw new ProtocolException("Content-Length \"" + printable(String.join(", ", values))
                            + "\" is not one length");
                }
                found = Long.parseLong(digits);
            }
        }
        return found;
    }

    /** Body bytes: up to {@code remaining} (or all, until the close), kept to the limit. */
    private boolean take(final State next) {
        int available = length - position;
        int count = state == State.UNTIL_CLOSE ? available : (int) Math.min(available, remaining);
        int room = BoundedBody.MAX_BYTES + 1 - body.size();
        body.write(in, position, Math.min(count, room));
        position += count;
        remaining -= count;
        if (body.size() > BoundedBody.MAX_BYTES) {
            state = State.DONE; // cut: read no further, and the connection is not used again
            closeAfter = true;
            position = length;
            return false;
        }
        if (state != State.UNTIL_CLOSE && remaining == 0) {
            state = next;
            return true;
        }
        return false;
    }

    private boolean chunkSize() throws ProtocolException {
        String line = line();
        if (line == null) {
            return false;
        }
        String size = line.split(";", 2)[0].strip();
        if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ProtocolException("a chunk size that is not a hexadecimal number: \"" + printable(line) + "\"");
        }
        remaining = Long.parseLong(size, 16);
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        return true;
    }

    private boolean chunkEnd() throws ProtocolException {
        if (length - position < 2) {
            return false;
        }
        if (in[position] != '\r' || in[position + 1] != '\n') {
            throw new ProtocolException("a chunk longer than its size");
        }
        position += 2;
        state = State.CHUNK_SIZE;
        return true;
    }

    private boolean trailer() throws ProtocolException {
        String line = line();
        if (line == null) {
            return false;
        }
        if (line.isEmpty()) {
            state = State.DONE;
        }
        return true;
    }

    /** The next line without its CRLF, or null until it is complete. */
    private String line() throws ProtocolException {
        int end = indexOf("\r\n", position);
        if (end < 0) {
            if (length - position > MAX_LINE) {
                throw new ProtocolException("a chunk line longer than " + MAX_LINE + " bytes");
            }
            return null;
        }
        String line = new String(in, position, end - position, StandardCharsets.ISO_8859_1);
        position = end + 2;
        return line;
    }

    private int indexOf(final String what, final int from) {
        byte first = (byte) what.charAt(0);
        outer:
        for (int i = from; i <= length - what.length(); i++) {
            if (in[i] != first) {
                continue;
            }
            for (int j = 1; j < what.length(); j++) {
                if (in[i + j] != (byte) what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** At most 60 characters of what the server sent, control characters shown as '?'. */
    private static String printable(final String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
