package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.SealedDraft;
import io.releaseledger.report.Messages;
import io.releaseledger.semver.SemverTagResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code release-ledger tag}: computes the next version, creates the annotated tag and pushes it. */
@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the next version, create the annotated tag on HEAD and push it to the remote.",
            "Prints the version on stdout. Nothing is created when HEAD already has a matching tag."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also when HEAD was already tagged)", "1:failure: bad input, git or remote error",
            "2:usage error"},
        footerHeading = "%nCredentials (for fetching and pushing):%n",
        footer = {"Only from the environment or files, never from arguments:",
            "RELEASE_LEDGER_GIT_USERNAME, RELEASE_LEDGER_GIT_PASSWORD, RELEASE_LEDGER_GIT_TOKEN,",
            "RELEASE_LEDGER_GIT_SSH_KEY, RELEASE_LEDGER_GIT_SSH_KEY_FILE, RELEASE_LEDGER_GIT_SSH_PASSPHRASE,",
            "RELEASE_LEDGER_GIT_KNOWN_HOSTS. See docs/cli.md."})
final class TagCommand extends SemverTagRunner {
    @Option(names = "--dry-run", description = "Compute and report; change nothing (the remote's tags are listed, not fetched).")
    private boolean dryRun;

    @Option(names = "--no-push", description = "Create the tag locally only.")
    private boolean noPush;

    @Option(names = "--allow-dirty", description = "Tag even if tracked files are modified.")
    private boolean allowDirty;

    @Option(names = "--max-push-attempts", paramLabel = "N",
            description = "Attempts when a concurrent build pushed the same tag first (default: 3).")
    private Integer maxPushAttempts;

    @Mixin
    private LedgerOptions ledger;

    @Option(names = "--no-ledger", description = "Do not record the tag in the ledger.")
    private boolean noLedger;

    @Option(names = "--repository-url", paramLabel = "URL",
            description = "The repository's web URL, recorded with the tag so that pages link commits to it.")
    private String repositoryUrl;

    /** The ledger being opened while git works, when it and its key file exist already; else {@code null}. */
    private EarlyLedger early;

    @Override
    void addOptions(final Map<String, Object> options) {
        if (dryRun) {
            options.put("dryRun", true);
        }
        if (noPush) {
            options.put("push", false);
        }
        if (allowDirty) {
            options.put("allowDirty", true);
        }
        SemverOptions.putIfSet(options, "maxPushAttempts", maxPushAttempts);
    }

    // Opening a ledger reads its checkpoint and its last event (megabytes for a release of many commits): done on a
    // thread of its own while the history is read. Only a ledger and a key file that exist are opened early, so that
    // a tag that fails creates neither.
    @Override
    void beforeOperation(final Map<String, String> environment, final Messages messages) {
        if (noLedger || dryRun) {
            return;
        }
        try {
            Path root = ledger.root(environment);
            String application = application();
            LedgerKeyFile keyFile = ledger.keyFile(environment);
            if (ledger.withoutLedger(root, application)
                    || !Files.exists(keyFile.getFile(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            early = EarlyLedger.start(root, application, () -> keyFile.forWriting(root), messages);
        } catch (RuntimeException e) {
            // Not opened early: afterSuccess opens it as it always did and reports the problem there, after the tag.
            early = null;
        }
    }

    // Sealing the event (encoding, MAC and hash of a line of megabytes for a release of many commits) runs on a thread
    // of its own while JGit pushes; the event is written only after the push succeeded (afterSuccess).
    @Override
    Consumer<SemverTagResult> beforePush() {
        EarlyLedger ledger = early;
        if (ledger == null) {
            return null;
        }
        Map<String, String> environment = root().getContext().getEnvironment();
        return told -> ledger.sealBeside(told, repositoryUrl, environment);
    }

    @Override
    Map<String, Object> fullResult(final SemverTagResult outcome) {
        PendingTagEvent pending = early == null ? null : early.pending();
        Map<String, Object> made = pending != null && pending.isFor(outcome) ? pending.resultFor(outcome) : null;
        return made != null ? made : super.fullResult(outcome);
    }

    @Override
    void afterRun() {
        if (early != null) {
            early.closeUnused();
        }
    }

    private String application() {
        return ledger.application() != null ? ledger.application()
                : TagRecorder.defaultApplication(root().getRepository());
    }

    @Override
    void afterSuccess(final SemverTagResult outcome, final Map<String, Object> result,
            final Map<String, String> environment, final Messages messages) {
        if (noLedger || !TagRecorder.isRecordable(result)) {
            return;
        }
        Path root = ledger.root(environment);
        String application = application();
        try {
            boolean recorded = early != null
                    ? TagRecorder.record(early.take(), result, repositoryUrl, environment, sealedFor(outcome))
                    : TagRecorder.record(root, application, result, repositoryUrl, environment, messages,
                            ledger.keyFile(environment).forWriting(root));
            if (recorded) {
                messages.info("Recorded %s in the ledger of %s (%s)", result.get("tag"), application, root);
            }
        } catch (ReleaseLedgerException e) {
            String done = Boolean.TRUE.equals(result.get("pushed")) ? "created and pushed"
                    : Boolean.TRUE.equals(result.get("tagCreated")) ? "created" : "found";
            throw new ReleaseLedgerException("tag " + result.get("tag") + " was " + done + ", but recording it in the"
                    + " ledger of " + application + " failed: " + e.getMessage()
                    + " (run tag again to record it, or use --no-ledger)", e);
        }
    }

    /**
     * The event sealed beside the push, when the run ended with the tag it was sealed for; else {@code null}, once the
     * sealing thread is done with the ledger (which the caller closes).
     */
    private SealedDraft sealedFor(final SemverTagResult outcome) {
        PendingTagEvent pending = early == null ? null : early.pending();
        if (pending == null) {
            return null;
        }
        if (pending.isFor(outcome)) {
            return pending.sealed();
        }
        pending.await();
        return null;
    }

    @Override
    void printResult(final Map<String, Object> result, final PrintWriter out, final PrintWriter err) {
        out.println(result.get("version"));
    }
}
