package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.report.Messages;
import io.releaseledger.ledger.Origin;
import io.releaseledger.ledger.SealedDraft;
import io.releaseledger.ledger.VersionTagged;
import io.releaseledger.report.PhaseTimings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records what {@code tag} did as a {@code version.tagged} event: after a tag was created (and pushed), or when
 * HEAD was already tagged and the ledger does not have that version yet (so a run whose recording failed is
 * made good by running {@code tag} again). Dry runs record nothing.
 */
final class TagRecorder {
    private TagRecorder() {
    }

    /** Whether this result is to be recorded at all, before looking into the ledger. */
    static boolean isRecordable(final Map<String, Object> result) {
        return new VersionTagged(result).isRecordable();
    }

    /**
     * Appends the event unless the ledger has the version already; returns whether it appended.
     *
     * @param repositoryUrl the repository's web URL for commit links, or {@code null}
     */
    static boolean record(final Path root, final String application, final Map<String, Object> result,
            final String repositoryUrl, final Map<String, String> environment, final Messages messages,
            final LedgerKeys keys) {
        long started = PhaseTimings.start();
        Ledger ledger = Ledger.open(root, application, messages, keys);
        PhaseTimings.end("ledger: open", started);
        return record(ledger, result, repositoryUrl, environment);
    }

    /** As {@link #record(Path, String, Map, String, Map, Messages, LedgerKeys)}, into an open ledger it closes. */
    static boolean record(final Ledger ledger, final Map<String, Object> result, final String repositoryUrl,
            final Map<String, String> environment) {
        return record(ledger, result, repositoryUrl, environment, null);
    }

    /**
     * As {@link #record(Ledger, Map, String, Map)}, writing {@code sealed} (this result's event, sealed by this ledger
     * beside the push) instead of sealing the event again when it is not {@code null}.
     */
    static boolean record(final Ledger ledger, final Map<String, Object> result, final String repositoryUrl,
            final Map<String, String> environment, final SealedDraft sealed) {
        try {
            long started = PhaseTimings.start();
            boolean recorded;
            if (sealed != null) {
                ledger.append(sealed);
                recorded = true;
            } else {
                String user = userName(environment);
                recorded = new VersionTagged(result).setRepositoryUrl(repositoryUrl)
                        .record(ledger, new Actor(user, user), Origin.cli(user, hostName(environment)));
            }
            PhaseTimings.end("ledger: record version.tagged", started);
            return recorded;
        } finally {
            long started = PhaseTimings.start();
            LedgerText.closeQuietly(ledger);
            PhaseTimings.end("ledger: close (checkpoint)", started);
        }
    }

    /** The application's default: the name of the repository's top directory (the one holding .git). */
    static String defaultApplication(final Path repository) {
        Path directory = repository.toAbsolutePath().normalize();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"))) {
                return name(candidate);
            }
        }
        return name(directory);
    }

    private static String name(final Path directory) {
        Path name = directory.getFileName();
        if (name == null) {
            throw new ReleaseLedgerException("cannot name the application after " + directory + "; give --application");
        }
        return name.toString();
    }

    static String userName(final Map<String, String> environment) {
        String user = System.getProperty("user.name");
        if (user == null || user.isBlank()) {
            user = environment.getOrDefault("USER", "unknown");
        }
        return user;
    }

    static String hostName(final Map<String, String> environment) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return environment.getOrDefault("HOSTNAME", "localhost");
        }
    }
}
