package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read model restored from {@code checkpoint.bin} equals the one rebuilt from the journal. */
class CheckpointTest {
    @TempDir
    Path root;

    private Path checkpoint() {
        return root.resolve("shop").resolve(Checkpoint.FILE);
    }

    /** Everything the API serves, with the clock fixed: state, every environment's and every release's history. */
    private static List<Object> everything(final Ledger ledger) {
        ledger.setClock(LedgerFixture.CLOCK);
        LedgerView view = ledger.view();
        List<Object> all = new ArrayList<>();
        all.add(view.state());
        all.add(view.history(null, 0, 200));
        for (String environment : view.environmentNames()) {
            all.add(view.history(environment, 0, 200));
        }
        for (String version : List.of("1.4.0", "1.5.0", "1.5.1", "1.6.0")) {
            all.add(view.releaseHistory(version, 0, 200));
        }
        return all;
    }

    @Test
    void shouldRestoreFromTheCheckpointWhatAFullRebuildGives() throws Exception {
        Messages notes = new Messages();
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            ledger.lock("staging", "1.6.0", "deploy", ALICE, BUILD_212);
            expected = everything(ledger);
        }
        assertThat(checkpoint()).exists();

        try (Ledger restored = Ledger.open(root, "shop", notes)) {
            assertThat(everything(restored)).isEqualTo(expected);
        }
        Files.delete(checkpoint());
        try (Ledger rebuilt = Ledger.open(root, "shop", notes)) {
            assertThat(everything(rebuilt)).isEqualTo(expected);
        }
        assertThat(notes.getAll()).isEmpty();
    }

    @Test
    void shouldShowTheLastDriftVerdictAfterARestoreFromTheCheckpoint() throws Exception {
        Map<String, Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            ledger.append(new EventDraft(EventTypes.DRIFT_DETECTED, ALICE, BUILD_212).setEnvironment("staging")
                    .setData(Map.of("version", "1.5.0", "findingCount", 1, "summary", "staging drifted: 1 difference")));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ALICE, BUILD_212).setEnvironment("staging")
                    .setData(Map.of("deploymentId", "later", "version", "1.6.0")));
            expected = drift(ledger, "staging");
        }
        assertThat(expected).containsEntry("drifted", true).containsEntry("summary", "staging drifted: 1 difference")
                .containsEntry("version", "1.5.0");
        assertThat(checkpoint()).exists();

        try (Ledger restored = Ledger.open(root, "shop")) {
            assertThat(drift(restored, "staging")).isEqualTo(expected);
            assertThat(drift(restored, "production")).isNull();
            restored.append(new EventDraft(EventTypes.DRIFT_CHECKED, ALICE, BUILD_212).setEnvironment("staging")
                    .setData(Map.of("version", "1.5.0", "findingCount", 0, "summary", "as recorded")));
            assertThat(drift(restored, "staging")).containsEntry("drifted", false).containsEntry("summary",
                    "as recorded");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> drift(final Ledger ledger, final String environment) {
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if (environment.equals(json.get("name"))) {
                return (Map<String, Object>) json.get("drift");
            }
        }
        throw new AssertionError("no environment " + environment);
    }

    @Test
    void shouldApplyTheEventsAfterTheCheckpoint() throws Exception {
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop").setCheckpointInterval(5)) {
            LedgerViewTest.release(ledger);
            expected = everything(ledger);
        }
        try (Ledger ledger = Ledger.open(root, "shop").setCheckpointInterval(5)) {
            new LedgerFixture(ledger).at(30).deploy("staging", "d9", "1.6.0", "c160");
        }
        Files.copy(checkpoint(), checkpoint().resolveSibling("saved"));
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThat(ledger.view().state()).containsEntry("events", 18L);
        }
        Files.delete(checkpoint());
        try (Ledger ledger = Ledger.open(root, "shop")) {
            List<Object> rebuilt = everything(ledger);
            assertThat(rebuilt).isNotEqualTo(expected);
            Files.move(checkpoint().resolveSibling("saved"), checkpoint(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Ledger other = Ledger.open(root, "shop")) {
                assertThat(everything(other)).isEqualTo(rebuilt);
            }
        }
    }

    @Test
    void shouldRebuildWithANoteWhenTheCheckpointIsTornOrForeign() throws Exception {
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            expected = everything(ledger);
        }
        byte[] good = Files.readAllBytes(checkpoint());
        byte[] otherApplication = good.clone();
        otherApplication[13] = 'q'; // "shop" after magic, version and the UTF length
        byte[] flipped = good.clone();
        for (int i = good.length / 2; i < good.length / 2 + 4; i++) {
            flipped[i] ^= 0x55;
        }
        for (byte[] damaged : List.of(java.util.Arrays.copyOf(good, good.length / 2), new byte[0],
                "{\"format\": 1}".getBytes(StandardCharsets.UTF_8), otherApplication, flipped,
                java.util.Arrays.copyOf(good, good.length + 3))) {
            Files.write(checkpoint(), damaged);
            Messages notes = new Messages();
            try (Ledger ledger = Ledger.open(root, "shop", notes)) {
                assertThat(everything(ledger)).isEqualTo(expected);
            }
            assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.WARNING);
            assertThat(notes.getAll().get(0).getText()).contains("checkpoint").contains("rebuilt from all 16 events");
            assertThat(Files.readAllBytes(checkpoint())).isEqualTo(good);
        }
    }

    @Test
    void shouldRebuildWithAWarningWhenTheCheckpointComesFromAnotherLedger() throws Exception {
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            expected = everything(ledger);
        }
        byte[] own = Files.readAllBytes(checkpoint());
        Path foreign = root.resolve("elsewhere");
        try (Ledger other = Ledger.open(foreign, "shop")) {
            new LedgerFixture(other).deploy("qa", "d1", "9.0.0", "c9");
        }
        Files.copy(foreign.resolve("shop").resolve(Checkpoint.FILE), checkpoint(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Messages notes = new Messages();

        try (Ledger ledger = Ledger.open(root, "shop", notes)) {
            assertThat(ledger.isDamaged()).as("the intact journal is not blamed").isFalse();
            assertThat(everything(ledger)).isEqualTo(expected);
            assertThat(ledger.verify().isIntact()).isTrue();
        }
        assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.WARNING);
        assertThat(notes.getAll().get(0).getText()).contains("does not match the journal")
                .contains("another ledger").contains("rebuilt from all 16 events");
        assertThat(Files.readAllBytes(checkpoint())).as("rebuilt from the journal").isEqualTo(own);
    }

    @Test
    void shouldRebuildWhenTheCheckpointIsOfAnotherFormatVersion() throws Exception {
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            expected = everything(ledger);
        }
        byte[] good = Files.readAllBytes(checkpoint());
        byte[] future = good.clone();
        future[Checkpoint.VERSION_OFFSET] = 99;
        Files.write(checkpoint(), future);
        Messages notes = new Messages();
        try (Ledger ledger = Ledger.open(root, "shop", notes)) {
            assertThat(everything(ledger)).isEqualTo(expected);
        }
        assertThat(notes.getAll()).hasSize(1);
        assertThat(notes.getAll().get(0).getText()).contains("version 99").contains("rebuilt from all 16 events");
        assertThat(Files.readAllBytes(checkpoint())).isEqualTo(good);
    }
}
