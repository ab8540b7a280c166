package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event sealed ahead ({@code tag} seals while git pushes) is written as sealed when the journal still ends where it
 * did, sealed again when another writer appended meanwhile, and dropped without a trace; its line is byte for byte the
 * line an append of the same draft writes.
 */
class LedgerSealTest {
    private static final LedgerKey KEY = LedgerKey.of("ledger-seal-test-key".getBytes(StandardCharsets.US_ASCII));
    private static final Instant AT = Instant.parse("2026-12-06T08:30:00.123Z");

    @TempDir
    Path temp;

    private LedgerKeys keys() {
        return LedgerKeys.of(KEY).withSealedLedgers(SealedLedgerList.at(temp.resolve("keys").resolve("sealed")));
    }

    private Ledger open(final String root) {
        return Ledger.open(temp.resolve(root), "shop", new Messages(), keys());
    }

    private byte[] journal(final String root) throws IOException {
        return Files.readAllBytes(temp.resolve(root).resolve("shop").resolve(Ledger.JOURNAL_FILE));
    }

    @Test
    void shouldWriteTheLineSealedAheadByteForByteAsAnAppendOfTheDraft() throws IOException {
        for (String root : List.of("sealed", "appended")) {
            try (Ledger ledger = open(root)) {
                new LedgerFixture(ledger).tag("1.0.0", null, "c100");
            }
        }
        LedgerEvent written;
        LedgerEvent sealedEvent;
        try (Ledger ledger = open("sealed")) {
            SealedDraft sealed = ledger.seal(tagged(3_000));
            sealedEvent = sealed.getSealed().getEvent();
            written = ledger.append(sealed);
            assertThat(ledger.view().state()).containsEntry("events", 2L);
        }
        try (Ledger ledger = open("appended")) {
            ledger.append(tagged(3_000));
        }

        assertThat(written).as("the event sealed ahead, not sealed again").isSameAs(sealedEvent);
        assertThat(journal("sealed")).isEqualTo(journal("appended"));
        assertThat(journal("sealed").length).as("a line long enough to be hashed beside its MAC")
                .isGreaterThan(JournalHashing.PARALLEL_FROM);
        try (Ledger ledger = Ledger.openForReading(temp.resolve("sealed"), "shop", new Messages(), keys())) {
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.verify().isAuthenticated()).isTrue();
        }
    }

    @Test
    void shouldSealAgainWhenAnotherWriterAppendedBetweenSealAndWrite() throws IOException {
        try (Ledger ledger = open("root")) {
            new LedgerFixture(ledger).tag("1.0.0", null, "c100");
        }
        try (Ledger ledger = open("root")) {
            SealedDraft sealed = ledger.seal(tagged(10));
            try (Ledger other = open("root")) { // another process, as far as the journal can tell
                new LedgerFixture(other).tag("1.0.1", "1.0.0", "c101");
            }

            LedgerEvent written = ledger.append(sealed);

            assertThat(written).isNotSameAs(sealed.getSealed().getEvent());
            assertThat(written.getSequence()).isEqualTo(3);
            assertThat(sealed.getSealed().getEvent().getSequence()).isEqualTo(2);
        }
        try (Ledger ledger = Ledger.openForReading(temp.resolve("root"), "shop", new Messages(), keys())) {
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.view().state()).containsEntry("events", 3L);
        }
    }

    @Test
    void shouldRecordNothingWhenASealedEventIsDropped() throws IOException {
        try (Ledger ledger = open("root")) {
            new LedgerFixture(ledger).tag("1.0.0", null, "c100");
        }
        byte[] before = journal("root");

        try (Ledger ledger = open("root")) {
            assertThat(ledger.seal(tagged(3_000))).isNotNull();
        }

        assertThat(journal("root")).isEqualTo(before);
        try (Ledger ledger = open("root")) {
            assertThat(ledger.view().state()).containsEntry("events", 1L);
            ledger.append(tagged(10));
            assertThat(ledger.verify().isIntact()).isTrue();
        }
    }

    @Test
    void shouldNotSealAheadWhenAChangeOfKeyIsRecordedFirst() {
        try (Ledger ledger = Ledger.open(temp.resolve("root"), "shop", new Messages(), LedgerKeys.none())) {
            new LedgerFixture(ledger).tag("1.0.0", null, "c100");
        }
        try (Ledger ledger = open("root")) {
            assertThat(ledger.seal(tagged(10))).isNull();
            ledger.append(tagged(10));
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.view().state()).containsEntry("events", 3L);
        }
    }

    /** A version.tagged draft of {@code count} commits, at a fixed time so that two ledgers write the same line. */
    private static EventDraft tagged(final int count) {
        List<Object> commits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("id", String.format("%040x", i));
            commit.put("subject", "feat: change " + i + " \u00e9\"\\");
            commit.put("time", "2026-12-0" + (1 + i % 5) + "T10:00:00Z");
            commit.put("author", "Author " + (i % 7));
            commit.put("authorEmail", "author" + (i % 7) + "@example.com");
            commits.add(commit);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", "2.0.0");
        data.put("tag", "v2.0.0");
        data.put("commit", "c200");
        data.put("previousVersion", "1.0.0");
        data.put("commits", commits);
        return new EventDraft(EventTypes.VERSION_TAGGED, LedgerFixture.ALICE, LedgerFixture.BUILD_212).setData(data)
                .setTime(AT);
    }
}
