package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one builder of the {@code version.tagged} event (docs/releases-api.md), from a {@code semverTag} result as the
 * engine and the agent write it: what to record, the event's data, and the re-run check. The CLI and the Jenkins
 * plugin both record through it, so they agree on masking, {@code repositoryUrl} and re-runs.
 *
 * <pre>{@code
 * VersionTagged tagged = new VersionTagged(result).setMask(mask).setRepositoryUrl(url);
 * if (tagged.isRecordable() && tagged.record(ledger, actor, origin)) { ... }
 * }</pre>
 */
public final class VersionTagged {
    private final Map<String, Object> result;
    private UnaryOperator<String> mask = UnaryOperator.identity();
    private String repositoryUrl;

    /** @param result the {@code semverTag} result: {@code version}, {@code tag}, {@code commit}, flags, commits */
    public VersionTagged(final Map<String, Object> result) {
        this.result = Map.copyOf(withoutNulls(result));
    }

    /** Applied to every text recorded from the result (tag, commit, previous version, commit subjects). */
    public VersionTagged setMask(final UnaryOperator<String> mask) {
        this.mask = mask == null ? UnaryOperator.identity() : mask;
        return this;
    }

    /** The repository's web URL, for commit links on the page; blank or {@code null} records none. */
    public VersionTagged setRepositoryUrl(final String repositoryUrl) {
        this.repositoryUrl = repositoryUrl == null || repositoryUrl.isBlank() ? null : repositoryUrl.trim();
        return this;
    }

    /** A tag was created, or HEAD was already tagged (a re-run); never a dry run. */
    public boolean isRecordable() {
        return !flag("dryRun") && (flag("tagCreated") || flag("alreadyTagged"));
    }

    /** Whether this is a re-run on an already tagged HEAD: recorded only when the ledger lacks the version. */
    public boolean isRerun() {
        return !flag("tagCreated") && flag("alreadyTagged");
    }

    /** @throws ReleaseLedgerException when the result has no version */
    public String getVersion() {
        if (!(result.get("version") instanceof String version) || version.isBlank()) {
            throw new ReleaseLedgerException("The semverTag result has no version; nothing can be recorded.");
        }
        return version;
    }

    public EventDraft draft(final Actor actor, final Origin origin) {
        return new EventDraft(EventTypes.VERSION_TAGGED, actor, origin).setData(data());
    }

    /**
     * The event's data: version, tag, commit, previous version, repository URL when known, commits (id, subject, and
     * when the result has them the committer time, where lead time starts (docs/metrics.md), and the author's name
     * and e-mail address, who may not approve the release (docs/governance.md)). When the result has them:
     * {@code commitCount} (all commits counted; {@code commits} lists the newest 10,000 at most), and for the commits
     * left out {@code omittedAuthors} (masked) and {@code omittedCommitTimes} (epoch seconds, {@code null} unknown).
     */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", getVersion());
        data.put("tag", text("tag"));
        data.put("commit", text("commit"));
        data.put("previousVersion", text("previousVersion"));
        if (repositoryUrl != null) {
            data.put("repositoryUrl", mask.apply(repositoryUrl));
        }
        List<Object> commits = new ArrayList<>();
        if (result.get("commits") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> commit) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", commit.get("id") instanceof String id ? mask.apply(id) : null);
                    entry.put("subject", commit.get("subject") instanceof String subject ? mask.apply(subject) : null);
                    String time = CommitTimes.parse(commit.get("time")) == ReadModel.NO_TIME ? null
                            : (String) commit.get("time");
                    if (time != null) {
                        entry.put("time", time);
                    }
                    // who wrote it: they may not approve the release (docs/governance.md); absent in older results
                    entry.putAll(who(commit));
                    commits.add(entry);
                }
            }
        }
        data.put("commits", commits);
        // a result lists the newest commits only (SemverTagOperation.MAX_LISTED_COMMITS); absent in older results
        if (result.get("commitCount") instanceof Number count && count.longValue() >= 0) {
            data.put("commitCount", count.longValue());
        }
        if (result.get("omittedAuthors") instanceof List<?> authors) {
            data.put("omittedAuthors", omittedAuthors(authors));
        }
        if (result.get("omittedCommitTimes") instanceof List<?> times) {
            List<Object> seconds = new ArrayList<>(times.size());
            for (Object time : times) {
                seconds.add(time instanceof Long || time instanceof Integer ? ((Number) time).longValue() : null);
            }
            data.put("omittedCommitTimes", seconds);
        }
        return data;
    }

    /** The authors of the commits the result left out, masked as the listed commits' authors are. */
    private List<Object> omittedAuthors(final List<?> authors) {
        List<Object> masked = new ArrayList<>(authors.size());
        for (Object item : authors) {
            if (item instanceof Map<?, ?> author) {
                Map<String, Object> entry = who(author);
                if (!entry.isEmpty()) {
                    masked.add(entry);
                }
            }
        }
        return masked;
    }

    /** {@code author} and {@code authorEmail}, masked, each only when given and not blank. */
    private Map<String, Object> who(final Map<?, ?> commit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (String who : new String[] {"author", "authorEmail"}) {
            if (commit.get(who) instanceof String text && !text.isBlank()) {
                entry.put(who, mask.apply(text));
            }
        }
        return entry;
    }

    /**
     * Appends the event, except on a re-run whose version the ledger already holds; returns whether it appended.
     * The check and the append are not one atomic step: two re-runs at the same moment may both record.
     */
    public boolean record(final Ledger ledger, final Actor actor, final Origin origin) {
        if (isRerun() && isRecorded(ledger.view(), getVersion())) {
            return false;
        }
        ledger.append(draft(actor, origin));
        return true;
    }

    /** Whether the ledger holds a {@code version.tagged} event for this version, on any page of its history. */
    public static boolean isRecorded(final LedgerView view, final String version) {
        int size = LedgerView.MAX_PAGE_SIZE;
        for (int page = 0; ; page++) {
            Map<String, Object> history = view.releaseHistory(version, page, size);
            if (!(history.get("entries") instanceof List<?> entries)) {
                return false;
            }
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> event && EventTypes.VERSION_TAGGED.equals(event.get("type"))
                        && version.equals(event.get("version"))) {
                    return true;
                }
            }
            if (entries.size() < size) {
                return false;
            }
        }
    }

    private String text(final String name) {
        return result.get(name) instanceof String text ? mask.apply(text) : null;
    }

    private boolean flag(final String name) {
        return Boolean.TRUE.equals(result.get(name));
    }

    private static Map<String, Object> withoutNulls(final Map<String, Object> result) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (result != null) {
            result.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        return copy;
    }
}
