package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.ReleasePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The events that the governance of {@code api/state} and the Releases page reads (approvals, freeze overrides,
 * commit authors). The read model does not keep them, and {@link Ledger#events} reads the whole journal again with
 * every link checked, so they are read once per journal head (the read model's last sequence and hash) and kept:
 * a page that polls an unchanged ledger reads nothing. Only events of environments with rules and events without an
 * environment are kept.
 */
final class GovernanceEvents {
    private static final GovernanceEvents SHARED = new GovernanceEvents(ledger -> ledger.events(null));

    /** What was read for one ledger, and at which head. */
    private static final class Read {
        private final String key;
        private final List<LedgerEvent> events;

        Read(final String key, final List<LedgerEvent> events) {
            this.key = key;
            this.events = events;
        }
    }

    private final Function<Ledger, List<LedgerEvent>> journal;
    private final Map<Path, Read> byLedger = new ConcurrentHashMap<>();

    /** @param journal reads every event of a ledger from its journal */
    GovernanceEvents(final Function<Ledger, List<LedgerEvent>> journal) {
        this.journal = journal;
    }

    static GovernanceEvents shared() {
        return SHARED;
    }

    /**
     * @param state the ledger's {@code api/state} as its view gave it just now: its {@code events} and
     *     {@code lastHash} are the head
     */
    List<LedgerEvent> of(final Ledger ledger, final Map<String, Object> state, final ReleasePolicy policy) {
        Set<String> ruled = new TreeSet<>();
        for (EnvironmentPolicy environment : policy.getEnvironments().values()) {
            if (!environment.isEmpty()) {
                ruled.add(environment.getEnvironment());
            }
        }
        String key = state.get("events") + " " + state.get("lastHash") + " " + ruled;
        Read read = byLedger.get(ledger.getDirectory());
        if (read == null || !read.key.equals(key)) {
            List<LedgerEvent> kept = journal.apply(ledger).stream()
                    .filter(event -> event.getEnvironment() == null || ruled.contains(event.getEnvironment()))
                    .toList();
            read = new Read(key, kept);
            byLedger.put(ledger.getDirectory(), read);
        }
        return read.events;
    }
}
