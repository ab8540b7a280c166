package io.releaseledger.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code release-ledger version}: prints the next version; creates and pushes nothing. */
@Command(name = "version", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the version the next tag would get (or the one HEAD already has).",
            "Reads the remote's tags first (unless --no-fetch); creates and pushes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: bad input, git or remote error", "2:usage error"},
        footerHeading = "%nCredentials (for fetching):%n",
        footer = {"Only from the environment or files, never from arguments:",
            "RELEASE_LEDGER_GIT_USERNAME, RELEASE_LEDGER_GIT_PASSWORD, RELEASE_LEDGER_GIT_TOKEN,",
            "RELEASE_LEDGER_GIT_SSH_KEY, RELEASE_LEDGER_GIT_SSH_KEY_FILE, RELEASE_LEDGER_GIT_SSH_PASSPHRASE,",
            "RELEASE_LEDGER_GIT_KNOWN_HOSTS. See docs/cli.md."})
final class VersionCommand extends SemverTagRunner {
    @Override
    void addOptions(final Map<String, Object> options) {
        options.put("createTag", false);
        options.put("push", false);
    }

    @Override
    boolean needsFullResult() {
        return false;
    }

    @Override
    void printResult(final Map<String, Object> result, final PrintWriter out, final PrintWriter err) {
        out.println(result.get("version"));
    }
}
