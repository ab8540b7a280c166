package io.releaseledger.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile JSON is refused with a message, in time and memory linear in its size; whatever is written reads back. */
class JsonBoundsTest {
    @Test
    void shouldRefuseANumberOfAMillionDigits() {
        String digits = "1".repeat(1_000_000);

        assertThatThrownBy(() -> Json.parse(digits)).isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON at line 1, column 1 (offset 0): a number longer than 1000 characters");
        assertThatThrownBy(() -> Json.parse("[0." + digits + "]")).isInstanceOf(JsonException.class)
                .hasMessageContaining("(offset 1): a number longer than 1000 characters");
        assertThatThrownBy(() -> Json.parse("1e" + digits)).isInstanceOf(JsonException.class)
                .hasMessageContaining("a number longer than 1000 characters");
    }

    @Test
    void shouldReadANumberOfExactlyTheLimit() {
        String digits = "9".repeat(Json.MAX_NUMBER_CHARS);

        assertThat(Json.parse(digits)).isEqualTo(new BigInteger(digits));
    }

    @Test
    void shouldRefuseAStringOverTheLimitNamingWhereItStarts() {
        String text = "{\"a\": \"" + "x".repeat(Json.MAX_STRING_CHARS + 1) + "\"}";

        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON at line 1, column 7 (offset 6): a string longer than 16777216 characters");
    }

    @Test
    void shouldRefuseADocumentOverTheLimitBeforeReadingIt() {
        String text = "[" + " ".repeat(Json.MAX_DOCUMENT_CHARS) + "]";

        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .hasMessage("the JSON text has " + text.length() + " characters, more than the 67108864 read");
    }

    @Test
    void shouldNotWriteWhatItWouldNotRead() {
        assertThatThrownBy(() -> Json.write(Map.of("s", "x".repeat(Json.MAX_STRING_CHARS + 1))))
                .isInstanceOf(JsonException.class)
                .hasMessage("cannot write a string of 16777217 characters as JSON; the most read back is 16777216");
        assertThatThrownBy(() -> Json.writeAscii(List.of(BigInteger.TEN.pow(1000))))
                .isInstanceOf(JsonException.class)
                .hasMessage("cannot write a number of 1001 characters as JSON; the most read back is 1000");
        assertThatThrownBy(() -> Json.write(new BigDecimal("0." + "1".repeat(1000))))
                .hasMessageContaining("cannot write a number of 1002 characters as JSON");
        // Within every other bound, but 6 characters each once escaped: 96 Mi characters in all.
        assertThatThrownBy(() -> Json.writeAscii(List.of("\u00e9".repeat(Json.MAX_STRING_CHARS))))
                .isInstanceOf(JsonException.class)
                .hasMessage("cannot write JSON of 100663300 characters; the most read back is 67108864");

        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int level = 1; level < Json.MAX_DEPTH + 1; level++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertThatThrownBy(() -> Json.write(deep)).isInstanceOf(JsonException.class)
                .hasMessage("cannot write JSON nested deeper than 512 levels; the most read back is 512");
    }

    @Test
    void shouldReadBackTheLargestValuesItWrites() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int level = 1; level < Json.MAX_DEPTH; level++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        inner.add(new BigInteger("9".repeat(Json.MAX_NUMBER_CHARS)));
        inner.add("x".repeat(Json.MAX_STRING_CHARS));
        inner.add("\u00e9".repeat(1000)); // six characters each when escaped, one when read

        assertThat(Json.parse(Json.writeAscii(deep))).isEqualTo(deep);
    }
}
