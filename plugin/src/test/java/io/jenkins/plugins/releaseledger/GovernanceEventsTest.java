package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.deploy.GovernanceState;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code api/state} with rules reads the journal once per head, not on every request, and says the same. */
class GovernanceEventsTest {
    private static final String DIGEST = "sha256:" + "c".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");

    @TempDir
    Path root;

    private final AtomicInteger reads = new AtomicInteger();
    private final GovernanceEvents events = new GovernanceEvents(ledger -> {
        reads.incrementAndGet();
        return ledger.events(null);
    });

    private static ApplicationPolicy production() {
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(1);
        production.setApprovers("release-managers");
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production));
        return shop;
    }

    private static void requestApproval(final Ledger ledger, final String version) {
        ApprovalLook.at(ledger, GovernanceSettings.policy(production(), "production"), version, DIGEST,
                new Actor("alice", "Alice"), Origin.build("shop", 7, "https://ci.example/job/shop/7/", false),
                Instant.now().minusSeconds(60));
    }

    private static Map<String, Object> governance(final Ledger ledger, final GovernanceEvents events) {
        return ReleasesApi.governance(ledger, ledger.view().state(), production(), events, NOW);
    }

    @Test
    void shouldReadTheJournalOnlyWhenItsHeadMoved() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            requestApproval(ledger, "1.5.0");

            Map<String, Object> first = governance(ledger, events);
            Map<String, Object> second = governance(ledger, events);
            Map<String, Object> third = governance(ledger, events);

            assertThat(reads).as("three polls of an unchanged ledger").hasValue(1);
            assertThat(second).isEqualTo(first).isEqualTo(third);
            assertThat(first).isEqualTo(GovernanceState.of(ledger, GovernanceSettings.read(production()), NOW));

            requestApproval(ledger, "1.6.0");
            Map<String, Object> after = governance(ledger, events);

            assertThat(reads).as("read again once the journal grew").hasValue(2);
            assertThat(after).isEqualTo(GovernanceState.of(ledger, GovernanceSettings.read(production()), NOW));
            assertThat(after.toString()).contains("1.5.0", "1.6.0");
        }
    }

    @Test
    void shouldKeepOnlyTheEventsOfEnvironmentsWithRulesAndThoseWithoutEnvironment() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            requestApproval(ledger, "1.5.0");

            List<LedgerEvent> kept = events.of(ledger, ledger.view().state(), GovernanceSettings.read(production()));

            assertThat(kept).isNotEmpty().allSatisfy(event -> assertThat(event.getEnvironment())
                    .isIn(null, "production"));
        }
    }
}
