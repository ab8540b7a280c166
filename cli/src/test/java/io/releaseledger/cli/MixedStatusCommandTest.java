package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status says an environment is mixed after a failed deploy whose restore did not complete, and claims no version. */
class MixedStatusCommandTest {
    private static final Actor ALICE = new Actor("alice", "Alice Example");
    private static final Origin CLI = Origin.cli("alice", "laptop");

    @TempDir
    Path root;

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowAMixedEnvironmentInStatus() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            append(ledger, EventTypes.DEPLOYMENT_STARTED, Map.of("deploymentId", "d1", "version", "1.4.0"));
            append(ledger, EventTypes.DEPLOYMENT_SUCCEEDED, Map.of("deploymentId", "d1", "version", "1.4.0"));
            append(ledger, EventTypes.DEPLOYMENT_STARTED, Map.of("deploymentId", "d2", "version", "1.5.0"));
            append(ledger, EventTypes.DEPLOYMENT_FAILED, Map.of("deploymentId", "d2", "version", "1.5.0",
                    "reason", "web-2 did not start", "restored", false));
        }

        Cli.Result table = Cli.plain().run("status", "--ledger", root.toString());
        Cli.Result json = Cli.plain().run("status", "--json", "--ledger", root.toString());

        assertThat(table.exitCode).as(table.toString()).isZero();
        assertThat(table.out).contains("MIXED: 1.5.0 failed, 1.4.0 not restored");
        Map<String, Object> production = ((List<Map<String, Object>>) Json.parseObject(json.out).get("environments"))
                .get(0);
        assertThat(production.get("current")).isNull();
        assertThat((Map<String, Object>) production.get("mixed")).containsEntry("version", "1.5.0")
                .containsEntry("previous", "1.4.0");
    }

    private static void append(final Ledger ledger, final String type, final Map<String, Object> data) {
        ledger.append(new EventDraft(type, ALICE, CLI).setEnvironment("production")
                .setData(new java.util.LinkedHashMap<>(data)));
    }
}
