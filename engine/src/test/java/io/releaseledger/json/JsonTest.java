package io.releaseledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void shouldParseEveryValueType() {
        Map<String, Object> object = Json.parseObject("""
                {"s": "text", "i": 42, "neg": -7, "d": 1.5, "e": 2E3, "t": true, "f": false, "n": null,
                 "a": [1, "two", [], {}], "o": {"k": "v"}}
                """);

        assertThat(object).containsExactly(
                Map.entry("s", "text"), Map.entry("i", 42L), Map.entry("neg", -7L), Map.entry("d", 1.5),
                Map.entry("e", 2000.0), Map.entry("t", true), Map.entry("f", false),
                new java.util.AbstractMap.SimpleEntry<>("n", null),
                Map.entry("a", List.of(1L, "two", List.of(), Map.of())), Map.entry("o", Map.of("k", "v")));
    }

    @Test
    void shouldKeepKeyOrder() {
        assertThat(Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void shouldUseBigIntegerBeyondLong() {
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("-0")).isEqualTo(0L);
    }

    @Test
    void shouldDecodeEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u00e9\"")).isEqualTo("a\"b\\c/d\b\f\n\r\tAé");
    }

    @Test
    void shouldCombineEscapedSurrogatePairs() {
        String parsed = (String) Json.parse("\"\\uD83D\\uDE00\"");

        assertThat(parsed).isEqualTo("\uD83D\uDE00");
        assertThat(parsed.codePointAt(0)).isEqualTo(0x1F600);
    }

    @Test
    void shouldEscapeWhenWriting() {
        assertThat(Json.write("q\"b\\n\nt\tc\u0001d\u001f\u007f\u2028/é"))
                .isEqualTo("\"q\\\"b\\\\n\\nt\\tc\\u0001d\\u001f\\u007f\\u2028/é\"");
    }

    @Test
    void shouldWritePureAsciiOnRequest() {
        String text = "gr\u00fc\u00dfe \u20ac \uD83D\uDE00 ~\u007f";

        String ascii = Json.writeAscii(Map.of("k\u00e9y", text));

        assertThat(ascii).isEqualTo("{\"k\\u00e9y\":\"gr\\u00fc\\u00dfe \\u20ac \\ud83d\\ude00 ~\\u007f\"}");
        assertThat(ascii.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(Json.parse(ascii)).isEqualTo(Map.of("k\u00e9y", text));
    }

    @Test
    void shouldWriteSurrogatePairsRawAndLoneSurrogatesEscaped() {
        assertThat(Json.write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(Json.write("x\uD83Dy\uDE00")).isEqualTo("\"x\\ud83dy\\ude00\"");
        assertThat(Json.parse(Json.write("x\uD83Dy\uDE00"))).isEqualTo("x\uD83Dy\uDE00");
    }

    @Test
    void shouldRoundTripEveryControlCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("ü€\uD834\uDD1E");

        assertThat(Json.parse(Json.write(all.toString()))).isEqualTo(all.toString());
    }

    @Test
    void shouldRoundTripNestedDocuments() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("protocol", 1L);
        document.put("nothing", null);
        document.put("list", Arrays.asList("a", null, 2L, 3.25, false, new BigInteger("123456789012345678901234")));
        document.put("nested", Map.of("deeper", List.of(Map.of("x", "y"))));

        assertThat(Json.parse(Json.write(document))).isEqualTo(document);
        assertThat(Json.parse(Json.writePretty(document))).isEqualTo(document);
    }

    @Test
    void shouldWriteCompactAndPretty() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a", 1);
        document.put("b", List.of(true, "x"));
        document.put("c", Map.of());

        assertThat(Json.write(document)).isEqualTo("{\"a\":1,\"b\":[true,\"x\"],\"c\":{}}");
        assertThat(Json.writePretty(document)).isEqualTo("""
                {
                  "a": 1,
                  "b": [
                    true,
                    "x"
                  ],
                  "c": {}
                }""");
    }

    @Test
    void shouldWriteOtherJdkTypes() {
        assertThat(Json.write(List.of(1, (short) 2, 3.5f, new BigDecimal("1.10"), Thread.State.NEW, 'c')))
                .isEqualTo("[1,2,3.5,1.10,\"NEW\",\"c\"]");
    }

    @Test
    void shouldRefuseValuesWithoutJsonForm() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("cannot write java.lang.Object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                    | line 1, column 1 (offset 0): empty document
            '{"a":1,}'            | line 1, column 8 (offset 7): unexpected character '}', expected a string as object key
            '[1,]'                | line 1, column 4 (offset 3): unexpected character ']', expected a value
            '{"a" 1}'             | line 1, column 6 (offset 5): unexpected character '1', expected ':' after object key
            '{"a":1 "b":2}'       | line 1, column 8 (offset 7): unexpected character '"', expected ',' or '}' in object
            '[1 2]'               | line 1, column 4 (offset 3): unexpected character '2', expected ',' or ']' in array
            '"abc'                | line 1, column 1 (offset 0): unterminated string
            '"\\x"'               | line 1, column 3 (offset 2): invalid escape sequence '\\x'
            '"\\u12G4"'           | line 1, column 6 (offset 5): invalid hex digit 'G'
            '"\\u12"'             | line 1, column 4 (offset 3): incomplete \\u escape
            '01'                  | line 1, column 1 (offset 0): leading zeros are not allowed
            '1.'                  | line 1, column 3 (offset 2): expected a digit after the decimal point
            '1e'                  | line 1, column 3 (offset 2): expected a digit in the exponent
            '-'                   | line 1, column 2 (offset 1): expected a digit
            '1e999'               | line 1, column 1 (offset 0): number 1e999 is out of range
            'tru'                 | line 1, column 1 (offset 0): unexpected character 't', expected a value
            'NaN'                 | line 1, column 1 (offset 0): unexpected character 'N', expected a value
            '{"a":1} x'           | line 1, column 9 (offset 8): unexpected character 'x' after the JSON value
            '{"a":1,"a":2}'       | line 1, column 8 (offset 7): duplicate key "a"
            '[1,'                 | line 1, column 4 (offset 3): unexpected end of input, expected a value
            '{'                   | line 1, column 2 (offset 1): unexpected end of input, expected a string as object key
            """)
    void shouldExplainWhereAndWhyParsingFails(String text, String expected) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessageStartingWith("invalid JSON at ")
                .hasMessageContaining(expected);
    }

    @Test
    void shouldCountLinesAndColumns() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\": ?\n}"))
                .hasMessage("invalid JSON at line 3, column 8 (offset 19): unexpected character '?', expected a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tab\there\"", "\"new\nline\""})
    void shouldRefuseRawControlCharactersInStrings(String text) {
        assertThatThrownBy(() -> Json.parse(text)).hasMessageContaining("must be escaped in a string");
    }

    @Test
    void shouldRefuseHostileNesting() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper than 512 levels");
        assertThat(Json.parse("[".repeat(512) + "]".repeat(512))).isInstanceOf(List.class);
    }

    @Test
    void shouldRequireAnObjectWhereAskedFor() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessage("expected a JSON object but found an array");
        assertThatThrownBy(() -> Json.parse(null)).hasMessageContaining("null");
    }

    @Test
    void shouldAcceptSurroundingWhitespace() {
        assertThat(Json.parse(" \t\r\n true \n")).isEqualTo(true);
    }

    // The reader takes a string without escapes as one substring and falls back to decoding at the first escape or
    // control character: both paths must give what the writer wrote, and errors must point where they did before.
    @Test
    void shouldReadStringsWithAndWithoutEscapesAlike() {
        Random random = new Random(11);
        String alphabet = "ab \"\\/\b\f\n\r\t\u0000\u001f\u00e9\u20ac\ud83d\ude00\ud800";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString();
            List<Object> list = List.of(text, Map.of(text, text), "");

            assertThat(Json.parse(Json.write(list))).isEqualTo(list);
            assertThat(Json.parse(Json.writeAscii(list))).isEqualTo(list);
        }
        assertThat(Json.parse("[\"\",\"plain\",\"a\\\"b\",\"\\u00e9t\u00e9\"]"))
                .isEqualTo(List.of("", "plain", "a\"b", "\u00e9t\u00e9"));
        assertThatThrownBy(() -> Json.parse("[\"plain\tafter\"]"))
                .hasMessageStartingWith("invalid JSON at line 1, column 8 (offset 7): control character U+0009");
        assertThatThrownBy(() -> Json.parse("[\"plain, never closed]"))
                .hasMessageStartingWith("invalid JSON at line 1, column 2 (offset 1): unterminated string");
    }
}
