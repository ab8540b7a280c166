package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics} (table, JSON, CSV) and {@code api/metrics} on a ledger whose figures are known. */
class MetricsCommandTest {
    private static final String UNTIL = MetricsLedgerFixture.UNTIL.toString();

    @TempDir
    Path root;

    @BeforeEach
    void writeLedger() {
        MetricsLedgerFixture.write(root);
    }

    private Cli.Result run(final String... args) {
        return Cli.plain().runOnLedger(root, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPrintTheKnownFiguresAsJson() {
        Cli.Result result = run("metrics", "--json", "--until", UNTIL);

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> metrics = Json.parseObject(result.out);
        assertThat(metrics).containsEntry("weeks", 12L).containsEntry("until", UNTIL)
                .containsEntry("from", "2026-09-07T00:00:00Z").containsEntry("fixWindow", "PT24H");
        List<Map<String, Object>> environments = (List<Map<String, Object>>) metrics.get("environments");
        assertThat(environments).extracting(environment -> environment.get("name"))
                .containsExactly("staging", "production");
        Map<String, Object> production = environments.get(1);
        assertThat((Map<String, Object>) production.get("deploymentFrequency"))
                .containsEntry("deployments", (long) MetricsLedgerFixture.PRODUCTION_DEPLOYS)
                .containsEntry("perWeek", 2.0);
        assertThat((Map<String, Object>) production.get("leadTime")).containsEntry("changes", 48L)
                .containsEntry("medianSeconds", MetricsLedgerFixture.PRODUCTION_LEAD_SECONDS);
        assertThat((Map<String, Object>) production.get("changeFailureRate")).containsEntry("failures", 3L)
                .containsEntry("rate", 0.125).containsEntry("rolledBack", 3L);
        assertThat((Map<String, Object>) production.get("timeToRestore")).containsEntry("restored", 3L)
                .containsEntry("medianSeconds", MetricsLedgerFixture.RESTORE_SECONDS)
                .containsEntry("rollbacks", (long) MetricsLedgerFixture.ROLLBACKS);
        List<Map<String, Object>> weeks = (List<Map<String, Object>>) production.get("weeks");
        assertThat(weeks).extracting(week -> week.get("deployments"))
                .containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L, 2L, 3L, 1L, 2L, 3L);
        assertThat(weeks.get(1)).containsEntry("changeFailureRate", 0.5).containsEntry("timeToRestoreSeconds", 1800L);
        assertThat(weeks.get(0)).containsEntry("changeFailureRate", 0.0).containsEntry("timeToRestoreSeconds", null);
        assertThat((Map<String, Object>) environments.get(0).get("leadTime"))
                .containsEntry("medianSeconds", MetricsLedgerFixture.STAGING_LEAD_SECONDS);
    }

    @Test
    void shouldServeTheSameJsonOnTheApi() {
        Cli.Result result = run("metrics", "--json", "--until", UNTIL, "--environment", "production", "--weeks", "4");
        try (ServeFixture serve = ServeFixture.start(root)) {
            HttpResponse<String> response = serve.get("api/metrics?until=" + UNTIL
                    + "&environment=production&weeks=4");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.parse(response.body())).isEqualTo(Json.parse(result.out));

            HttpResponse<String> bad = serve.get("api/metrics?weeks=none");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Json.parseObject(bad.body())).containsEntry("error",
                    "weeks must be a whole number from 1 to 520, not 'none'.");
        }
    }

    @Test
    void shouldPrintATableForPeople() {
        Cli.Result result = run("metrics", "--until", UNTIL);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("Delivery of shop over 12 weeks, 2026-09-07 to 2026-11-30 (a patch release "
                + "within 1 d is a fix)", "ENVIRONMENT", "LEAD TIME (MEDIAN)", "CHANGE FAILURE RATE");
        String production = result.out.lines().filter(line -> line.startsWith("production")).findFirst().orElseThrow();
        assertThat(production.split("\\s{2,}")).containsExactly("production", "24", "2.0", "3 h (48 changes)",
                "12.5 % (3 of 24)", "30 m (3 restores)");
    }

    @Test
    void shouldPrintCsvWithOneLinePerWeekAndOneForTheWindow() {
        Cli.Result result = run("metrics", "--csv", "--until", UNTIL, "--environment", "production");

        assertThat(result.exitCode).as(result.toString()).isZero();
        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(1 + 12 + 1);
        assertThat(lines.get(0)).isEqualTo(MetricsText.CSV_HEADER);
        assertThat(lines.get(2)).isEqualTo("production,2026-09-14T00:00:00Z,2026-09-21T00:00:00Z,2,10800,0.5,1,1800");
        assertThat(lines.get(13)).isEqualTo("production,2026-09-07T00:00:00Z,2026-11-30T00:00:00Z,24,10800,0.125,3,1800");
    }

    @Test
    void shouldQuoteCsvCellsAndDisarmFormulas() {
        assertThat(MetricsText.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(MetricsText.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(MetricsText.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(MetricsText.cell(null)).isEmpty();
    }

    @Test
    void shouldRefuseABadWindowWithTheFix() {
        Cli.Result result = run("metrics", "--weeks", "0");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("The metrics window must be 1 to 520 weeks, not 0.");
        Cli.Result badUntil = run("metrics", "--until", "tomorrow", "--json");
        assertThat(badUntil.exitCode).isEqualTo(1);
        assertThat(Json.parseObject(badUntil.out).get("error").toString())
                .contains("until must be a date (2026-11-30) or an instant");
    }
}
