package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed chain: someone who can write the ledger directory but not read the key cannot rewrite and re-seal the
 * journal (with plain SHA-256, or with a key of their own) without every reader and writer reporting it; keys rotate,
 * a ledger written without a key is sealed by its first keyed write, and a lost key can be replaced.
 */
class LedgerKeyTest {
    private static final byte[] SECRET = secret(1);
    private static final LedgerKey KEY = LedgerKey.of(SECRET);
    private static final LedgerKey NEXT = LedgerKey.of(secret(2));
    private static final LedgerKey ATTACKER = LedgerKey.of(secret(3));
    private static final LedgerKeys KEYS = LedgerKeys.of(KEY);

    @TempDir
    Path root;

    @Test
    void shouldReportAJournalReSealedWithPlainSha256ToEveryReaderAndWriter() throws IOException {
        Path journal = writeSixteenEvents(KEYS);
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).allMatch(line -> line.contains("\"key\":\"" + KEY.getId() + "\",\"mac\":\""));

        // The attacker edits event 5 and re-computes every hash after it: the MACs they cannot compute stay stale.
        rewrite(journal, 5, UnaryOperator.identity());

        assertDamagedAtLine5(KEYS, "MAC does not match key " + KEY.getId());
        try (Ledger unkeyed = Ledger.openForReading(root, "shop", new Messages())) {
            assertThat(unkeyed.verify().isIntact()).as("the hash chain alone cannot tell").isTrue();
            assertThat(unkeyed.verify().isAuthenticated()).isFalse();
        }
    }

    @Test
    void shouldReportAJournalStrippedOfItsSealsAndReSealedWithPlainSha256() throws IOException {
        Path journal = writeSixteenEvents(KEYS);

        rewrite(journal, 5, LedgerKeyTest::unsealed);

        assertDamagedAtLine5(KEYS, "not sealed although the ledger is sealed with key " + KEY.getId());
    }

    @Test
    void shouldReportAJournalStrippedOfEverySealWhenTheLedgerIsOnTheListOfSealedLedgers() throws IOException {
        LedgerKeys listed = KEYS.withSealedLedgers(SealedLedgerList.at(root.resolveSibling(root.getFileName()
                + "-sealed").resolve("sealed.txt")));
        Path journal = writeSixteenEvents(listed);
        assertThat(Files.readString(listed.getSealedLedgers().getFile()))
                .isEqualTo(journal.getParent().toRealPath() + "\n");

        rewrite(journal, 1, LedgerKeyTest::unsealed);

        try (Ledger unlisted = Ledger.openForReading(root, "shop", new Messages(), KEYS)) {
            assertThat(unlisted.isDamaged()).as("without the list it looks like a ledger never sealed").isFalse();
        }
        for (boolean reading : new boolean[] {false, true}) {
            try (Ledger ledger = reading ? Ledger.openForReading(root, "shop", new Messages(), listed)
                    : Ledger.open(root, "shop", new Messages(), listed)) {
                assertThat(ledger.isDamaged()).isTrue();
                assertThat(ledger.getDamage().getLine()).isEqualTo(1);
                assertThat(ledger.getDamage().getProblem()).contains("no event of its journal is sealed");
                assertThat(ledger.verify().isIntact()).isFalse();
                assertThatThrownBy(() -> new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200"))
                        .isInstanceOf(ReleaseLedgerException.class);
            }
        }
    }

    @Test
    void shouldReportAJournalReSealedWithAnotherKey() throws IOException {
        Path journal = writeSixteenEvents(KEYS);

        rewrite(journal, 5, line -> sealedWith(ATTACKER, unsealed(line)));

        assertDamagedAtLine5(KEYS, "sealed with key " + ATTACKER.getId() + " where key " + KEY.getId());
    }

    @Test
    void shouldReportAJournalReSealedEntirelyWithAnotherKeyAndAPlantedCheckpoint() throws IOException {
        Path journal = writeSixteenEvents(KEYS);
        rewrite(journal, 1, line -> sealedWith(ATTACKER, unsealed(line)));
        // The attacker's own writer rebuilds a checkpoint that matches the rewritten journal.
        try (Ledger forged = Ledger.open(root, "shop", new Messages(), LedgerKeys.of(ATTACKER))) {
            assertThat(forged.isDamaged()).isFalse();
        }
        assertThat(journal.resolveSibling(Checkpoint.FILE)).exists();

        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), KEYS)) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getLine()).isEqualTo(1);
            assertThat(ledger.getDamage().getProblem()).contains("sealed with key " + ATTACKER.getId())
                    .contains("not one of the ledger keys given");
        }
    }

    @Test
    void shouldReadAndAuthenticateAnIntactKeyedLedgerWithoutWarnings() throws IOException {
        writeSixteenEvents(KEYS);
        Messages notes = new Messages();
        try (Ledger ledger = Ledger.openForReading(root, "shop", notes, KEYS)) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.verify().isAuthenticated()).isTrue();
            assertThat(ledger.verify().toJson()).containsEntry("authenticated", true);
        }
        assertThat(notes.getAll()).isEmpty();
        String everything = Files.readString(root.resolve("shop").resolve(Ledger.JOURNAL_FILE))
                + new String(Files.readAllBytes(root.resolve("shop").resolve(Checkpoint.FILE)), StandardCharsets.ISO_8859_1);
        assertThat(everything).doesNotContain(HexFormat.of().formatHex(SECRET))
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET))
                .doesNotContain(new String(SECRET, StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldRefuseAWriterWithoutTheKeyAndLetAReaderWithoutItCheckTheChainOnly() throws IOException {
        writeSixteenEvents(KEYS);
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThatThrownBy(() -> new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200"))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("sealed with ledger key "
                            + KEY.getId()).hasMessageContaining("nothing was recorded");
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.verify().getUnauthenticated()).contains("events 1 to 16")
                    .contains("no ledger key was given");
        }
        assertThat(Files.readAllLines(root.resolve("shop").resolve(Ledger.JOURNAL_FILE))).hasSize(16);
    }

    @Test
    void shouldSealTheHistoryOfALedgerWrittenWithoutAKeyAtItsFirstKeyedWrite() throws IOException {
        Path journal = writeSixteenEvents(LedgerKeys.none());
        try (Ledger ledger = Ledger.open(root, "shop", new Messages(), KEYS)) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.verify().getUnauthenticated()).contains("events 1 to 16").contains("without a ledger key");
            new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200");
            assertThat(ledger.verify().isAuthenticated()).isTrue();
        }
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(18);
        LedgerEvent rotation = LedgerEvent.fromLine(lines.get(16));
        assertThat(rotation.getType()).isEqualTo(EventTypes.LEDGER_KEY_ROTATED);
        assertThat(rotation.getData()).containsEntry("from", null).containsEntry("to", KEY.getId());
        assertThat(rotation.getActor()).isEqualTo(ALICE);
        assertThat(rotation.getKeyId()).isEqualTo(KEY.getId());

        // Sealed now: re-sealing the old, unkeyed events with plain SHA-256 is found.
        rewrite(journal, 5, UnaryOperator.identity(), 16);
        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), KEYS)) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getLine()).isEqualTo(17);
        }
    }

    @Test
    void shouldRotateToANewKeyAndKeepVerifyingWithTheRetiredOne() throws IOException {
        Path journal = writeSixteenEvents(KEYS);
        LedgerKeys rotated = LedgerKeys.of(NEXT).withRetired(KEY);
        try (Ledger ledger = Ledger.open(root, "shop", new Messages(), rotated)) {
            new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200");
            new LedgerFixture(ledger).tag("2.0.1", "2.0.0", "c201");
        }
        List<String> lines = Files.readAllLines(journal);
        LedgerEvent rotation = LedgerEvent.fromLine(lines.get(16));
        assertThat(rotation.getType()).isEqualTo(EventTypes.LEDGER_KEY_ROTATED);
        assertThat(rotation.getData()).containsEntry("from", KEY.getId()).containsEntry("to", NEXT.getId());
        assertThat(rotation.getKeyId()).as("sealed with the old key").isEqualTo(KEY.getId());
        assertThat(LedgerEvent.fromLine(lines.get(17)).getKeyId()).isEqualTo(NEXT.getId());

        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), rotated)) {
            assertThat(ledger.verify().isAuthenticated()).isTrue();
            assertThat(ledger.view().state()).containsEntry("events", 19L);
        }
        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), LedgerKeys.of(NEXT))) {
            assertThat(ledger.verify().getProblem()).as("the retired key is needed for the events it sealed")
                    .contains("sealed with key " + KEY.getId());
        }
        // The old key cannot continue the ledger after the rotation.
        rewrite(journal, 18, line -> sealedWith(KEY, unsealed(line)));
        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), rotated)) {
            assertThat(ledger.getDamage().getLine()).isEqualTo(18);
        }
    }

    @Test
    void shouldRecoverFromALostKeyByRotatingFromIt() throws IOException {
        Path journal = writeSixteenEvents(KEYS);
        LedgerKeys recovered = LedgerKeys.of(NEXT).withLost(KEY.getId());
        Messages notes = new Messages();
        try (Ledger ledger = Ledger.open(root, "shop", notes, recovered)) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.verify().getUnauthenticated()).contains("events 1 to 16").contains("declared lost");
            new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200");
            assertThat(ledger.verify().isAuthenticated()).isTrue();
        }
        assertThat(notes.getAll()).extracting(Message::getText).anyMatch(text -> text.contains("not sealed with")
                || text.contains("not one of the keys given"));
        LedgerEvent rotation = LedgerEvent.fromLine(Files.readAllLines(journal).get(16));
        assertThat(rotation.getData()).containsEntry("from", KEY.getId()).containsEntry("to", NEXT.getId());
        assertThat(rotation.getKeyId()).as("the lost key cannot seal; the new one vouches").isEqualTo(NEXT.getId());
        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages(), LedgerKeys.of(NEXT))) {
            assertThat(ledger.verify().getProblem()).as("without declaring the old key lost, its events are unknown")
                    .contains("sealed with key " + KEY.getId());
        }
    }

    @Test
    void shouldReadAJournalRestoredFromABackupWithTheKey() throws IOException {
        Path journal = writeSixteenEvents(KEYS);
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", lines.subList(0, 10)) + "\n");
        Messages notes = new Messages();
        try (Ledger ledger = Ledger.open(root, "shop", notes, KEYS)) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.verify().isAuthenticated()).isTrue();
            new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200");
        }
        assertThat(notes.getAll()).extracting(Message::getText).anyMatch(text -> text.contains("older backup"));
    }

    private void assertDamagedAtLine5(final LedgerKeys keys, final String problem) {
        for (boolean reading : new boolean[] {false, true}) {
            try (Ledger ledger = reading ? Ledger.openForReading(root, "shop", new Messages(), keys)
                    : Ledger.open(root, "shop", new Messages(), keys)) {
                assertThat(ledger.isDamaged()).isTrue();
                assertThat(ledger.getDamage().getLine()).isEqualTo(5);
                assertThat(ledger.getDamage().getProblem()).contains(problem);
                @SuppressWarnings("unchecked")
                Map<String, Object> integrity = (Map<String, Object>) ledger.view().state().get("integrity");
                assertThat(integrity).containsEntry("intact", false).containsEntry("line", 5L);
                assertThat(ledger.verify().getLine()).isEqualTo(5);
                assertThatThrownBy(() -> new LedgerFixture(ledger).tag("2.0.0", "1.5.0", "c200"))
                        .isInstanceOf(ReleaseLedgerException.class);
                assertThatThrownBy(() -> ledger.lock("production", "2.0.0", null, ALICE, BUILD_212))
                        .isInstanceOf(ReleaseLedgerException.class);
            }
        }
    }

    private Path writeSixteenEvents(final LedgerKeys keys) {
        try (Ledger ledger = Ledger.open(root, "shop", new Messages(), keys)) {
            LedgerViewTest.release(ledger);
            return ledger.getDirectory().resolve(Ledger.JOURNAL_FILE);
        }
    }

    private static void rewrite(final Path journal, final int fromLine, final UnaryOperator<String> reseal)
            throws IOException {
        rewrite(journal, fromLine, reseal, Integer.MAX_VALUE);
    }

    /**
     * What an attacker without the key can do: edit line {@code fromLine} (an hour later), then re-chain it and the
     * lines after it (up to {@code throughLine}) with plain SHA-256, each line first passed through {@code reseal}.
     * The checkpoint is deleted.
     */
    private static void rewrite(final Path journal, final int fromLine, final UnaryOperator<String> reseal,
            final int throughLine) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        String previous = fromLine == 1 ? JournalHashing.ZERO_HASH : LedgerEvent.fromLine(lines.get(fromLine - 2)).getHash();
        for (int i = fromLine - 1; i < Math.min(lines.size(), throughLine); i++) {
            String line = lines.get(i);
            String body = line.substring(0, line.length() - JournalHashing.SUFFIX_LENGTH) + "}";
            body = body.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + previous + "\"");
            if (i == fromLine - 1) {
                body = body.replaceFirst("T10:", "T11:");
            }
            String sealed = JournalHashing.seal(reseal.apply(body));
            lines.set(i, sealed);
            previous = LedgerEvent.fromLine(sealed).getHash();
        }
        Files.writeString(journal, String.join("\n", lines) + "\n");
        Files.deleteIfExists(journal.resolveSibling(Checkpoint.FILE));
    }

    /** The canonical JSON without {@code key} and {@code mac}. */
    private static String unsealed(final String body) {
        return body.replaceFirst(",\"key\":\"[0-9a-f]{16}\"", "").replaceFirst(",\"mac\":\"[0-9a-f]{64}\"", "");
    }

    /** Sealed properly, with a key of the attacker's own. */
    private static String sealedWith(final LedgerKey key, final String unsealed) {
        Map<String, Object> json = new java.util.LinkedHashMap<>(Json.parseObject(unsealed));
        json.put("key", key.getId());
        String withKey = Json.writeAscii(json);
        return JournalHashing.withMac(withKey, LedgerKey.hex(key.newMac(), withKey));
    }

    private static byte[] secret(final int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }
}
