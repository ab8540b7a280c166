package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalHashingTest {
    // The journal seals a line from the text's bytes in one pass; the string steps verify reads lines back with are the
    // reference: same bytes, same hash, and the MAC and hash verify finds in the line.
    @Test
    void shouldSealBytesAsTheStringStepsDo() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            String unsealed = Json.writeAscii(event(random));
            String mac = i % 2 == 0 ? null : JournalHashing.sha256("mac " + i);
            String canonical = mac == null ? unsealed : JournalHashing.withMac(unsealed, mac);
            String expected = JournalHashing.seal(canonical);

            JournalHashing.SealedLine sealed = JournalHashing.sealedLine(
                    unsealed.getBytes(StandardCharsets.US_ASCII), mac);

            assertThat(sealed.text()).isEqualTo(expected);
            assertThat(sealed.getBytes()).isEqualTo((expected + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(sealed.getHash()).isEqualTo(JournalHashing.sha256(canonical))
                    .isEqualTo(JournalHashing.expectedHash(expected));
            if (mac != null) {
                assertThat(JournalHashing.macInput(expected)).isEqualTo(unsealed);
                assertThat(JournalHashing.macOf(expected)).isEqualTo(mac);
            }
        }
    }

    private static Map<String, Object> event(final Random random) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema", 1);
        event.put("seq", random.nextInt(1000));
        List<Object> commits = new ArrayList<>();
        for (int i = random.nextInt(50); i > 0; i--) {
            commits.add(Map.of("id", Long.toHexString(random.nextLong()), "subject", "fix: \u00e9t\u00e9 \"" + i + "\"\n"));
        }
        event.put("data", Map.of("commits", commits));
        event.put("prev", JournalHashing.ZERO_HASH);
        return event;
    }
}
