package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status counts every commit a lacking release has, also those its version.tagged did not list (commitCount). */
class LongReleaseStatusTest {
    private static final Actor CI = new Actor("ci", "CI");
    private static final Origin CLI = Origin.cli("ci", "runner");

    @TempDir
    Path root;

    @Test
    void shouldCountTheCommitsOfALongReleaseNotOnlyTheListedOnes() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            append(ledger, EventTypes.DEPLOYMENT_STARTED, "staging", Map.of("deploymentId", "d1", "version", "1.0.0"));
            append(ledger, EventTypes.DEPLOYMENT_SUCCEEDED, "staging",
                    Map.of("deploymentId", "d1", "version", "1.0.0"));
            append(ledger, EventTypes.VERSION_TAGGED, null, Map.of("version", "2.0.0", "tag", "v2.0.0",
                    "previousVersion", "1.0.0", "commits", List.of(Map.of("id", "a2", "subject", "feat: newest")),
                    "commitCount", 12_345, "omittedCommitTimes", List.of(1_700_000_000L)));
        }

        Cli.Result status = Cli.plain().run("status", "--ledger", root.toString());

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out).contains("staging lacks 2.0.0: 12345 commits");
    }

    @Test
    void shouldCountTheListedCommitsOfAnOlderEvent() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            append(ledger, EventTypes.DEPLOYMENT_STARTED, "staging", Map.of("deploymentId", "d1", "version", "1.0.0"));
            append(ledger, EventTypes.DEPLOYMENT_SUCCEEDED, "staging",
                    Map.of("deploymentId", "d1", "version", "1.0.0"));
            append(ledger, EventTypes.VERSION_TAGGED, null, Map.of("version", "2.0.0", "tag", "v2.0.0",
                    "previousVersion", "1.0.0", "commits", List.of(Map.of("id", "a2", "subject", "feat: newest"))));
        }

        Cli.Result status = Cli.plain().run("status", "--ledger", root.toString());

        assertThat(status.out).as(status.toString()).contains("staging lacks 2.0.0: 1 commit");
    }

    private static void append(final Ledger ledger, final String type, final String environment,
            final Map<String, Object> data) {
        ledger.append(new EventDraft(type, CI, CLI).setEnvironment(environment).setData(new LinkedHashMap<>(data)));
    }
}
