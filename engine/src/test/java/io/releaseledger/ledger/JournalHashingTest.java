package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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

    // A large line's SHA-256 runs on another thread while the MAC is computed: the line, its MAC and its hash must be
    // the bytes the one-thread steps give; a small line stays on the caller's thread.
    @Test
    void shouldHashALargeLineBesideItsMacToTheSameBytes() {
        LedgerKey key = LedgerKey.of("journal-hashing-test-key".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(11);
        for (int size : new int[] {40, JournalHashing.PARALLEL_FROM / 40, 30_000}) {
            Map<String, Object> event = event(random, size);
            byte[] unsealed = Json.writeAscii(event).getBytes(StandardCharsets.US_ASCII);
            String mac = LedgerKey.hex(key.newMac(), unsealed);
            String expected = JournalHashing.seal(JournalHashing.withMac(new String(unsealed,
                    StandardCharsets.US_ASCII), mac));
            List<String> hashedOn = new ArrayList<>();

            JournalHashing.SealedLine sealed = JournalHashing.sealedLine(unsealed, key.newMac(), task -> {
                Thread thread = new Thread(() -> {
                    hashedOn.add(Thread.currentThread().getName());
                    task.run();
                }, "test-hash");
                thread.start();
            });

            assertThat(sealed.text()).isEqualTo(expected);
            assertThat(sealed.getBytes()).isEqualTo((expected + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(sealed.getMac()).isEqualTo(mac).isEqualTo(JournalHashing.macOf(expected));
            assertThat(sealed.getHash()).isEqualTo(JournalHashing.expectedHash(expected));
            assertThat(hashedOn).isEqualTo(unsealed.length >= JournalHashing.PARALLEL_FROM ? List.of("test-hash")
                    : List.of());
        }
    }

    @Test
    void shouldSealOnTheCallersThreadWhenTheHashingThreadIsRefusedAndWithoutAMac() {
        LedgerKey key = LedgerKey.of("journal-hashing-test-key".getBytes(StandardCharsets.US_ASCII));
        byte[] unsealed = Json.writeAscii(event(new Random(3), 30_000)).getBytes(StandardCharsets.US_ASCII);
        String mac = LedgerKey.hex(key.newMac(), unsealed);
        Executor refusing = task -> {
            throw new RejectedExecutionException("no thread");
        };

        assertThat(JournalHashing.sealedLine(unsealed, key.newMac(), refusing).getBytes())
                .isEqualTo(JournalHashing.sealedLine(unsealed, mac).getBytes());
        assertThat(JournalHashing.sealedLine(unsealed, null, refusing).getBytes())
                .isEqualTo(JournalHashing.sealedLine(unsealed, (String) null).getBytes());
        assertThat(JournalHashing.sealedLine(unsealed, null, refusing).getMac()).isNull();
    }

    private static Map<String, Object> event(final Random random) {
        return event(random, random.nextInt(50));
    }

    private static Map<String, Object> event(final Random random, final int commitCount) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema", 1);
        event.put("seq", random.nextInt(1000));
        List<Object> commits = new ArrayList<>();
        for (int i = commitCount; i > 0; i--) {
            commits.add(Map.of("id", Long.toHexString(random.nextLong()), "subject", "fix: \u00e9t\u00e9 \"" + i + "\"\n"));
        }
        event.put("data", Map.of("commits", commits));
        event.put("prev", JournalHashing.ZERO_HASH);
        return event;
    }
}
