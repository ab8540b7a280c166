package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger history}: the ledger's events, newest first, one page at a time. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the history of one environment (or of all), newest first, one page at a time;",
            "rollbacks, failures and bad releases are marked."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: no such ledger, unreadable ledger, bad page or size", "2:usage error"})
final class HistoryCommand extends LedgerCommandBase {
    static final int MAX_SIZE = io.releaseledger.ledger.LedgerView.MAX_PAGE_SIZE;

    @Option(names = "--environment", paramLabel = "NAME", description = "Only this environment (default: all).")
    private String environment;

    @Option(names = "--page", paramLabel = "N", description = "The page, 0 = newest (default: 0).")
    private int page;

    @Option(names = "--size", paramLabel = "N", description = "Events per page, 1 to " + MAX_SIZE + " (default: 20).")
    private int size = 20;

    @Option(names = "--json", description = "Print the JSON of the API's history (GET api/history) on stdout.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        checkPaging(page, size);
        Map<String, Object> history = ledger.view().history(environment, page, size);
        if (json) {
            out.println(Json.writePretty(history));
        } else {
            out.print(render(history, Instant.now()));
        }
        return 0;
    }

    static void checkPaging(final int page, final int size) {
        if (page < 0) {
            throw new ReleaseLedgerException("the page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ReleaseLedgerException("the page size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
    }

    static String render(final Map<String, Object> history, final Instant now) {
        String nl = System.lineSeparator();
        List<Map<String, Object>> entries = StatusCommand.list(history.get("entries"));
        long total = history.get("total") instanceof Number n ? n.longValue() : entries.size();
        long size = history.get("size") instanceof Number n && n.longValue() > 0 ? n.longValue() : 20;
        long page = history.get("page") instanceof Number n ? n.longValue() : 0;
        long pages = Math.max(1, (total + size - 1) / size);
        StringBuilder text = new StringBuilder();
        if (entries.isEmpty()) {
            text.append("No events").append(page > 0 ? " on this page." : ".").append(nl);
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> entry : entries) {
                rows.add(List.of(LedgerText.clean(entry.get("seq")), LedgerText.when(entry.get("at"), now),
                        LedgerText.clean(entry.get("environment")), event(entry), version(entry),
                        LedgerText.person(entry.get("by")), LedgerText.build(entry.get("build")),
                        LedgerText.clean(entry.get("reason"))));
            }
            text.append(LedgerText.table(List.of("SEQ", "WHEN", "ENVIRONMENT", "EVENT", "VERSION", "BY", "BUILD", "WHY"),
                    rows));
        }
        // Counted from 1 for people; --page counts from 0 (newest), so the hint below names the option's value.
        text.append(nl).append("page ").append(page + 1).append(" of ").append(pages).append(", ")
                .append(io.releaseledger.report.Counted.of(total, "event"));
        if (page + 1 < pages) {
            text.append("; older: --page ").append(page + 1);
        }
        text.append(nl);
        return text.toString();
    }

    private static String event(final Map<String, Object> entry) {
        StringBuilder event = new StringBuilder(LedgerText.clean(entry.get("type")));
        if (Boolean.TRUE.equals(entry.get("rollback"))) {
            event.append(Boolean.TRUE.equals(entry.get("automatic")) ? " [ROLLBACK, automatic]" : " [ROLLBACK]");
        }
        if (Boolean.TRUE.equals(entry.get("failed"))) {
            event.append(" [FAILED]");
        }
        if (Boolean.TRUE.equals(entry.get("bad"))) {
            event.append(" [BAD]");
        }
        return event.toString();
    }

    private static String version(final Map<String, Object> entry) {
        String version = LedgerText.clean(entry.get("version"));
        Object from = entry.get("from");
        return from == null || version.isEmpty() ? version : LedgerText.clean(from) + " -> " + version;
    }
}
