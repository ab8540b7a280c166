package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Messages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code DIR}: opens and reads the journal in a separate process; prints {@code events N} or {@code error: …}. */
final class JournalProbeMain {
    private JournalProbeMain() {
    }

    public static void main(final String[] args) {
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = JournalFixtures.openAll(Path.of(args[0]), events, new Messages())) {
            System.out.println("events " + events.size());
        } catch (ReleaseLedgerException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
