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

/** The read model restored from {@code checkpoint.json} equals the one rebuilt from the journal. */
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
    void shouldApplyTheEventsAfterTheCheckpoint() throws Exception {
        List<Object> expected;
        try (Ledger ledger = Ledger.open(root, "shop").setCheckpointInterval(5)) {
            LedgerViewTest.release(ledger);
            expected = everything(ledger);
        }
        try (Ledger ledger = Ledger.open(root, "shop").setCheckpointInterval(5)) {
            new LedgerFixture(ledger).at(30).deploy("staging", "d9", "1.6.0", "c160");
        }
        Files.writeString(checkpoint().resolveSibling("saved"), Files.readString(checkpoint()));
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
        String good = Files.readString(checkpoint());
        for (String damaged : List.of(good.substring(0, good.length() / 2), "", "{\"format\": 1}",
                good.replace("\"application\":\"shop\"", "\"application\":\"other\""),
                good.substring(0, good.length() - 40) + "AAAA" + good.substring(good.length() - 36))) {
            Files.writeString(checkpoint(), damaged, StandardCharsets.UTF_8);
            Messages notes = new Messages();
            try (Ledger ledger = Ledger.open(root, "shop", notes)) {
                assertThat(everything(ledger)).isEqualTo(expected);
            }
            assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.WARNING);
            assertThat(notes.getAll().get(0).getText()).contains("checkpoint").contains("rebuilt from all 16 events");
            assertThat(Files.readString(checkpoint())).isEqualTo(good);
        }
    }

    @Test
    void shouldRebuildWhenTheCheckpointDoesNotMatchTheJournal() throws Exception {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
        }
        Path foreign = root.resolve("elsewhere");
        try (Ledger other = Ledger.open(foreign, "shop")) {
            new LedgerFixture(other).deploy("qa", "d1", "9.0.0", "c9");
        }
        Files.copy(foreign.resolve("shop").resolve(Checkpoint.FILE), checkpoint(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Messages notes = new Messages();

        try (Ledger ledger = Ledger.open(root, "shop", notes)) {
            Map<String, Object> state = ledger.view().state();
            assertThat(state).containsEntry("events", 16L);
            assertThat((List<?>) state.get("environments")).hasSize(2);
        }
        assertThat(notes.getAll()).hasSize(1);
        assertThat(notes.getAll().get(0).getText()).contains("does not match the journal");
    }
}
