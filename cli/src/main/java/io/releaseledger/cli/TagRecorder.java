package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.Origin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        if (Boolean.TRUE.equals(result.get("dryRun"))) {
            return false;
        }
        return Boolean.TRUE.equals(result.get("tagCreated")) || Boolean.TRUE.equals(result.get("alreadyTagged"));
    }

    /**
     * Appends the event unless the ledger has the version already; returns whether it appended.
     *
     * @param repositoryUrl the repository's web URL for commit links, or {@code null}
     */
    static boolean record(final Path root, final String application, final Map<String, Object> result,
            final String repositoryUrl, final Map<String, String> environment) {
        Ledger ledger = null;
        try {
            ledger = Ledger.open(root, application);
            String version = String.valueOf(result.get("version"));
            if (Boolean.TRUE.equals(result.get("alreadyTagged")) && hasVersion(ledger.view(), version)) {
                return false;
            }
            String user = userName(environment);
            EventDraft draft = new EventDraft(EventTypes.VERSION_TAGGED, new Actor(user, user),
                    Origin.cli(user, hostName(environment))).setData(data(result, repositoryUrl));
            ledger.append(draft);
            return true;
        } finally {
            LedgerText.closeQuietly(ledger);
        }
    }

    static Map<String, Object> data(final Map<String, Object> result, final String repositoryUrl) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", result.get("version"));
        data.put("tag", result.get("tag"));
        data.put("commit", result.get("commit"));
        data.put("previousVersion", result.get("previousVersion"));
        if (repositoryUrl != null && !repositoryUrl.isBlank()) {
            data.put("repositoryUrl", repositoryUrl);
        }
        List<Map<String, Object>> commits = new ArrayList<>();
        for (Map<String, Object> commit : StatusCommand.list(result.get("commits"))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", commit.get("id"));
            entry.put("subject", commit.get("subject"));
            commits.add(entry);
        }
        data.put("commits", commits);
        return data;
    }

    /** Whether the ledger has a {@code version.tagged} event for this version (the release's own history). */
    static boolean hasVersion(final LedgerView view, final String version) {
        int size = LedgerView.MAX_PAGE_SIZE;
        for (int page = 0; ; page++) {
            Map<String, Object> history = view.releaseHistory(version, page, size);
            List<Map<String, Object>> entries = StatusCommand.list(history.get("entries"));
            for (Map<String, Object> entry : entries) {
                if (EventTypes.VERSION_TAGGED.equals(entry.get("type")) && version.equals(entry.get("version"))) {
                    return true;
                }
            }
            if (entries.size() < size) {
                return false;
            }
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
