package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger verify}: checks the ledger's hash chain; exit code 3 when it is damaged. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the ledger's hash chain: every event present, in order, unchanged.",
            "Prints the first damaged line, its sequence number and the problem."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the chain is intact", "1:failure: no such ledger, unreadable ledger", "2:usage error",
            "3:the ledger is damaged (edited, truncated, reordered)"})
final class VerifyCommand extends LedgerCommandBase {
    private static final Pattern DAMAGE = Pattern.compile("damaged at line (\\d+) \\(sequence (\\d+)\\)");

    @Option(names = "--json", description = "Print the JSON of the API's verify (GET api/verify) on stdout.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    /**
     * The engine refuses to open a journal that is damaged before its end (it names file, line and sequence in
     * its message); that is the answer verify has to give, so it is reported as damage, exit code 3.
     */
    @Override
    Integer openFailed(final ReleaseLedgerException error, final String application, final Path ledgerRoot,
            final PrintWriter out, final PrintWriter err) {
        Matcher position = DAMAGE.matcher(String.valueOf(error.getMessage()));
        if (!position.find()) {
            return null;
        }
        long line = Long.parseLong(position.group(1));
        long sequence = Long.parseLong(position.group(2));
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("intact", false);
            result.put("line", line);
            result.put("seq", sequence);
            result.put("problem", error.getMessage());
            out.println(Json.writePretty(result));
        } else {
            out.println("DAMAGED: line " + line + ", seq " + sequence + ": " + LedgerText.clean(error.getMessage()));
        }
        return ReleaseLedgerCli.DAMAGED;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        Verification verification = ledger.verify();
        if (json) {
            out.println(LedgerText.json(verification.toJson()));
        } else if (verification.isIntact()) {
            out.println("intact: " + verification.getEvents() + " events, hash chain verified ("
                    + LedgerText.clean(application) + ")");
        } else {
            out.println("DAMAGED: line " + verification.getLine() + ", seq " + verification.getSequence() + ": "
                    + LedgerText.clean(verification.getProblem()));
            out.println("(" + verification.getEvents() + " events read; the ledger refuses new events until an operator"
                    + " looks at " + ledgerRoot + ")");
        }
        return verification.isIntact() ? 0 : ReleaseLedgerCli.DAMAGED;
    }
}
