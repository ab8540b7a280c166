package io.releaseledger.cli;

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

/** {@code release-ledger status}: what runs where, from the ledger. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what runs where: per environment the version, when and by whom it was deployed,",
            "the build, the last checks, the lock, and what main has that the environment lacks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: no such ledger, unreadable ledger", "2:usage error"})
final class StatusCommand extends LedgerCommandBase {
    @Option(names = "--json", description = "Print the JSON of the API's state (GET api/state) on stdout.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        Map<String, Object> state = ledger.view().state();
        if (json) {
            String warning = damageWarning(state);
            if (warning != null) {
                err.println(warning);
                err.flush();
            }
            out.println(Json.writePretty(state));
        } else {
            out.print(render(state, Instant.now()));
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    static String render(final Map<String, Object> state, final Instant now) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        String warning = damageWarning(state);
        if (warning != null) {
            text.append(warning).append(nl).append(nl);
        }
        text.append("Application ").append(LedgerText.clean(state.get("application"))).append(": ")
                .append(state.get("events") instanceof Number n ? io.releaseledger.report.Counted.of(n.longValue(), "event")
                        : LedgerText.clean(state.get("events")) + " events").append(nl).append(nl);
        List<Map<String, Object>> environments = list(state.get("environments"));
        if (environments.isEmpty()) {
            text.append("No environment yet: nothing has been deployed.").append(nl);
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> environment : environments) {
                rows.add(row(environment, now));
            }
            text.append(LedgerText.table(List.of("ENVIRONMENT", "VERSION", "DEPLOYED", "BY", "BUILD", "CHECKS", "LOCK"),
                    rows));
        }
        StringBuilder lacking = new StringBuilder();
        for (Map<String, Object> environment : environments) {
            Map<String, Object> lack = (Map<String, Object>) environment.get("lacking");
            if (lack == null) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            for (Map<String, Object> release : list(lack.get("releases"))) {
                versions.add(LedgerText.clean(release.get("version")));
            }
            List<Map<String, Object>> commits = list(lack.get("commits"));
            if (versions.isEmpty() && commits.isEmpty()) {
                continue;
            }
            // the list holds 1,000 commits at most; commitCount counts all of the releases (older ledgers: none)
            long commitCount = lack.get("commitCount") instanceof Number count
                    ? Math.max(count.longValue(), commits.size()) : commits.size();
            lacking.append("  ").append(LedgerText.clean(environment.get("name"))).append(" lacks ")
                    .append(versions.isEmpty() ? "no release" : String.join(", ", versions)).append(": ")
                    .append(commitCount).append(commitCount == 1 ? " commit" : " commits");
            List<?> issues = lack.get("issues") instanceof List<?> l ? l : List.of();
            if (!issues.isEmpty()) {
                List<String> keys = new ArrayList<>();
                issues.forEach(issue -> keys.add(LedgerText.clean(issue)));
                lacking.append(", issues ").append(String.join(" ", keys));
            }
            lacking.append(nl);
        }
        if (lacking.length() > 0) {
            text.append(nl).append("What main has that an environment lacks:").append(nl).append(lacking);
        }
        List<Map<String, Object>> pending = list(state.get("pendingPromotion"));
        if (!pending.isEmpty()) {
            text.append(nl).append("Waiting for promotion:").append(nl);
            for (Map<String, Object> item : pending) {
                text.append("  ").append(LedgerText.clean(item.get("version"))).append(": ")
                        .append(LedgerText.clean(item.get("from"))).append(" -> ")
                        .append(LedgerText.clean(item.get("to"))).append(nl);
            }
        }
        List<Map<String, Object>> bad = list(state.get("badReleases"));
        if (!bad.isEmpty()) {
            text.append(nl).append("Bad releases:").append(nl);
            for (Map<String, Object> item : bad) {
                text.append("  ").append(LedgerText.clean(item.get("version")));
                String reason = LedgerText.clean(item.get("reason"));
                if (!reason.isEmpty()) {
                    text.append(": ").append(reason);
                }
                String by = LedgerText.person(item.get("by"));
                if (!by.isEmpty()) {
                    text.append(" (").append(by).append(", ").append(LedgerText.when(item.get("at"), now)).append(')');
                }
                text.append(nl);
            }
        }
        return text.toString();
    }

    /**
     * The loud line for a damaged journal ({@code integrity.intact} false in the state), or {@code null}: the state
     * shown is then what was recorded before the damage.
     */
    static String damageWarning(final Map<String, Object> state) {
        if (!(state.get("integrity") instanceof Map<?, ?> integrity) || !Boolean.FALSE.equals(integrity.get("intact"))) {
            return null;
        }
        return "WARNING: THE LEDGER IS DAMAGED at line " + LedgerText.clean(integrity.get("line")) + " (seq "
                + LedgerText.clean(integrity.get("seq")) + "): " + LedgerText.clean(integrity.get("problem"))
                + ". What follows is what was recorded before the damage; no new event is recorded until an operator"
                + " runs `release-ledger verify` and restores events.jsonl from a backup.";
    }

    @SuppressWarnings("unchecked")
    private static List<String> row(final Map<String, Object> environment, final Instant now) {
        Map<String, Object> current = (Map<String, Object>) environment.get("current");
        Map<String, Object> lock = (Map<String, Object>) environment.get("lock");
        String name = LedgerText.clean(environment.get("name"));
        String lockText = "-";
        if (lock != null) {
            String build = LedgerText.build(lock.get("build"));
            lockText = "deploying " + LedgerText.clean(lock.get("version"))
                    + (build.isEmpty() ? "" : " — build " + build.substring(build.indexOf('#')))
                    + (LedgerText.person(lock.get("by")).isEmpty() ? "" : " by " + LedgerText.person(lock.get("by")));
        }
        if (current == null && environment.get("mixed") instanceof Map<?, ?> mixed) {
            // A deploy failed without restoring the previous release everywhere: no version is claimed to run.
            return List.of(name, "MIXED: " + LedgerText.clean(mixed.get("version")) + " failed, "
                    + (mixed.get("previous") == null ? "nothing" : LedgerText.clean(mixed.get("previous")))
                    + " not restored", LedgerText.when(mixed.get("since"), now), LedgerText.person(mixed.get("by")),
                    LedgerText.build(mixed.get("build")), "", lockText);
        }
        if (current == null) {
            return List.of(name, "(none)", "", "", "", "", lockText);
        }
        String version = LedgerText.clean(current.get("version"));
        if (Boolean.TRUE.equals(current.get("bad"))) {
            version += " (bad)";
        }
        if ("rollback".equals(current.get("via"))) {
            version += " (rolled back)";
        }
        return List.of(name, version, LedgerText.when(current.get("deployedAt"), now),
                LedgerText.person(current.get("deployedBy")), LedgerText.build(current.get("build")),
                checks(current.get("checks")), lockText);
    }

    private static String checks(final Object value) {
        if (!(value instanceof Map<?, ?> checks)) {
            return "-";
        }
        List<?> results = checks.get("results") instanceof List<?> l ? l : List.of();
        long passed = results.stream().filter(r -> r instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("passed"))).count();
        String summary = Boolean.TRUE.equals(checks.get("passed")) ? "passed" : "FAILED";
        return results.isEmpty() ? summary : summary + " (" + passed + "/" + results.size() + ")";
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(final Object value) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?>) {
                    list.add((Map<String, Object>) item);
                }
            }
        }
        return list;
    }
}
