package io.releaseledger.cli;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.MetricsQuery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger metrics}: the DORA keys per environment over a window of weeks (docs/metrics.md). */
@Command(name = "metrics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show how the application is delivered, per environment, over the last weeks: deployment",
            "frequency, lead time for changes, change failure rate and time to restore (definitions: docs/metrics.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: no such ledger, unreadable ledger, bad window", "2:usage error"})
final class MetricsCommand extends LedgerCommandBase {
    @Option(names = "--environment", paramLabel = "NAME", description = "Only this environment (default: all).")
    private String environment;

    @Option(names = "--weeks", paramLabel = "N",
            description = "The window: this many weeks up to --until, one trend point a week (default: 12).")
    private String weeks;

    @Option(names = "--until", paramLabel = "WHEN",
            description = "The end of the window, a date (2026-11-30, midnight UTC) or an instant (default: now).")
    private String until;

    @Option(names = "--fix-window", paramLabel = "DURATION",
            description = "A patch release deployed this soon after a deploy makes it a change failure "
                    + "(default: 24h; e.g. 12h, 2d).")
    private String fixWindow;

    @Option(names = "--json", description = "Print the JSON of the API's metrics (GET api/metrics) on stdout.")
    private boolean json;

    @Option(names = "--csv", description = "Print CSV on stdout: one line per environment and week, then the window.")
    private boolean csv;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("environment", environment);
        parameters.put("weeks", weeks);
        parameters.put("until", until);
        parameters.put("fixWindow", fixWindow);
        Map<String, Object> metrics = ledger.view().metrics(MetricsQuery.of(parameters));
        if (json) {
            out.println(Json.writePretty(metrics));
        } else if (csv) {
            out.print(MetricsText.csv(metrics));
        } else {
            out.print(MetricsText.table(metrics));
        }
        return 0;
    }
}
