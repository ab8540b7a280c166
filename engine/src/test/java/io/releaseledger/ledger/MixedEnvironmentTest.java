package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy that failed and did not see the previous release back everywhere ({@code deployment.failed} with
 * {@code restored: false}) leaves the environment mixed: the state claims no current version until a deployment,
 * promotion or rollback succeeds there.
 */
class MixedEnvironmentTest {
    @TempDir
    Path root;

    @Test
    void shouldShowAnEnvironmentMixedAfterAFailedDeployWhoseRestoreDidNotComplete() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture fixture = new LedgerFixture(ledger);
            fixture.deploy("staging", "d1", "1.4.0", "c140");
            fixture.deploy("production", "d2", "1.4.0", "c140");
            fixture.deploy("staging", "d3", "1.5.0", "c150");
            fixture.started("production", "d4", "1.5.0", "c150");
            fixture.append(EventTypes.DEPLOYMENT_FAILED, "production", map("deploymentId", "d4", "version", "1.5.0",
                    "reason", "web-2 did not start", "restored", false));

            assertMixed(ledger.view().state());
        }
        try (Ledger reopened = Ledger.openForReading(root, "shop", new Messages())) {
            assertMixed(reopened.view().state()); // from the checkpoint
        }
        try (Ledger ledger = Ledger.open(root, "shop")) {
            new LedgerFixture(ledger).at(30).rollback("production", "1.5.0", "1.4.0", "restored by hand");

            Map<String, Object> production = environment(ledger.view().state(), "production");
            assertThat(production.get("mixed")).isNull();
            assertThat(production.get("current")).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) production.get("current")).get("version")).isEqualTo("1.4.0");
        }
    }

    @Test
    void shouldKeepThePreviousReleaseCurrentWhenTheFailedDeployRestoredIt() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture fixture = new LedgerFixture(ledger);
            fixture.deploy("production", "d1", "1.4.0", "c140");
            fixture.started("production", "d2", "1.5.0", "c150");
            fixture.append(EventTypes.DEPLOYMENT_FAILED, "production", map("deploymentId", "d2", "version", "1.5.0",
                    "reason", "health gate", "restored", true));
            fixture.started("production", "d3", "1.5.1", "c151");
            fixture.failed("production", "d3", "1.5.1", "an older event without restored");

            Map<String, Object> production = environment(ledger.view().state(), "production");
            assertThat(production.get("mixed")).isNull();
            assertThat(((Map<?, ?>) production.get("current")).get("version")).isEqualTo("1.4.0");
        }
    }

    private static void assertMixed(final Map<String, Object> state) {
        Map<String, Object> production = environment(state, "production");
        assertThat(production.get("current")).as("no version is claimed to run").isNull();
        assertThat(production.get("mixed")).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> mixed = (Map<String, Object>) production.get("mixed");
        assertThat(mixed).containsEntry("version", "1.5.0").containsEntry("previous", "1.4.0")
                .containsEntry("deploymentId", "d4").containsEntry("reason", "web-2 did not start")
                .containsEntry("since", LedgerFixture.time(7));
        assertThat(mixed.get("by")).isEqualTo(Map.of("id", "alice", "name", "Alice Example"));
        assertThat(((Map<?, ?>) environment(state, "staging").get("current")).get("version")).isEqualTo("1.5.0");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(final Map<String, Object> state, final String name) {
        return ((List<Map<String, Object>>) state.get("environments")).stream()
                .filter(env -> name.equals(env.get("name"))).findFirst().orElseThrow();
    }
}
