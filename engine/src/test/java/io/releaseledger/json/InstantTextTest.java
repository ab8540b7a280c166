package io.releaseledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void shouldWriteWhatInstantToStringWrites() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 260_000_000_000L);
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
        }
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2026-12-05T23:12:21.500Z", "2026-12-05T23:12:21.000001Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
        }
    }

    @Test
    void shouldReadWhatInstantParseReads() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 253_000_000_000L);
            assertThat(InstantText.parseEpochMilli(instant.toString())).isEqualTo(instant.toEpochMilli());
        }
        for (String text : new String[] {"2026-12-05T23:12:21.5Z", "1969-12-31T23:59:59Z", "2026-12-05T23:12:21+01:00",
            "2016-12-31T23:59:60Z", "2026-12-05T24:00:00Z"}) {
            assertThat(InstantText.parseEpochMilli(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
        }
    }

    @Test
    void shouldRefuseWhatInstantParseRefuses() {
        for (String text : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-12-05T24:00:01Z",
            "2026-12-05T23:61:00Z", "2026-12-0xT23:12:21Z", "2026-12-05T-1:12:21Z", "2026-00-05T10:00:00Z",
            "2026-12-00T10:00:00Z", "2026-12-05T23:12Z", "yesterday"}) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> InstantText.parseEpochMilli(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
