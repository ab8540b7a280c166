package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The event a writer builds from what it wrote is the event a reader parses from the line (Journal.writeSealed). */
class LedgerEventWrittenTest {
    private static final String HASH = "a".repeat(64);

    @Test
    void shouldGiveWhatTheLineReadsBackForAVersionTaggedEventOfManyCommits() {
        List<Object> commits = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("id", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
            commit.put("subject", randomText(random));
            if (i % 3 != 0) {
                commit.put("time", "2016-11-25T10:" + (10 + i % 50) + ":00Z");
            }
            commit.put("author", randomText(random));
            commit.put("authorEmail", i % 7 == 0 ? null : "dev" + i + "@example.invalid");
            commits.add(commit);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", "2.0.0");
        data.put("tag", "v2.0.0");
        data.put("previousVersion", null);
        data.put("commits", commits);

        assertSameAsReadBack(event(data));
    }

    @Test
    void shouldGiveWhatTheLineReadsBackForEveryValueItConvertsItself() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("int", 7);
        data.put("long", Long.MIN_VALUE);
        data.put("short", (short) -3);
        data.put("byte", (byte) 12);
        data.put("true", true);
        data.put("false", false);
        data.put("null", null);
        data.put("enum", DayOfWeek.MONDAY);
        data.put("char", '\u00e9');
        data.put("escapes", "\"quoted\" \\ \n\t\u0000\u001f \u2028 d\u00e9ploy\u00e9 \uD83D\uDE80 lone \uD800 end");
        data.put("empty object", Map.of());
        data.put("empty list", List.of());
        data.put("set", new LinkedHashSet<>(List.of("b", "a")));
        Map<String, Object> hashed = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            hashed.put("key " + i, i);
        }
        data.put("hash map", hashed);
        data.put("nested", List.of(List.of(Map.of("deep", List.of(1, "two", false)))));

        assertSameAsReadBack(event(data));
    }

    @Test
    void shouldReadTheLineBackForValuesWhoseTextItDoesNotWorkOut() {
        for (Object value : List.of(1.5, 2.0f, 1e300, new BigInteger("123456789012345678901234567890"),
                new BigDecimal("1.10"), BigInteger.ONE)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("value", value);
            data.put("list", List.of("x", value));

            assertSameAsReadBack(event(data));
        }
    }

    private static void assertSameAsReadBack(final Map<String, Object> written) {
        String line = line(written);
        LedgerEvent built = LedgerEvent.written(written, line);
        LedgerEvent read = LedgerEvent.fromLine(line);

        assertSameJson(built.toJson(), read.toJson());
        assertThat(built.line()).isEqualTo(line);
        assertThat(built.getSequence()).isEqualTo(read.getSequence());
        assertThat(built.getHash()).isEqualTo(read.getHash());
        assertThat(built.getData()).isEqualTo(read.getData());
    }

    // equals alone would let a List read back as a Set pass, or an Integer where the reader gives a Long in a
    // nested structure compared the other way round: compare the classes of every value too.
    private static void assertSameJson(final Object built, final Object read) {
        if (read instanceof Map<?, ?> readMap) {
            assertThat(built).isInstanceOf(Map.class);
            Map<?, ?> builtMap = (Map<?, ?>) built;
            assertThat(new ArrayList<>(builtMap.keySet())).isEqualTo(new ArrayList<>(readMap.keySet()));
            readMap.forEach((key, value) -> assertSameJson(builtMap.get(key), value));
            assertThat(builtMap).isUnmodifiable();
        } else if (read instanceof List<?> readList) {
            assertThat(built).isInstanceOf(List.class);
            List<?> builtList = (List<?>) built;
            assertThat(builtList).hasSameSizeAs(readList);
            for (int i = 0; i < readList.size(); i++) {
                assertSameJson(builtList.get(i), readList.get(i));
            }
            assertThat(builtList).isUnmodifiable();
        } else if (read == null) {
            assertThat(built).isNull();
        } else {
            assertThat(built).isInstanceOf(read.getClass()).isEqualTo(read);
        }
    }

    private static Map<String, Object> event(final Map<String, Object> data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", LedgerEvent.SCHEMA);
        json.put("seq", 3L);
        json.put("type", EventTypes.VERSION_TAGGED);
        json.put("at", "2026-12-06T02:08:57.804Z");
        json.put("application", "shop");
        json.put("actor", new Actor("root", "root").toJson());
        json.put("origin", Origin.cli("root", "vm").toJson());
        json.put("data", data);
        json.put("prev", HASH);
        json.put("key", "010c25904ff43aed");
        json.put("mac", "b".repeat(64));
        json.put("hash", "c".repeat(64));
        return json;
    }

    private static String line(final Map<String, Object> written) {
        return Json.writeAscii(written);
    }

    private static String randomText(final Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) ('a' + random.nextInt(26)) : kind < 8 ? (char) random.nextInt(0x80)
                    : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }
}
