package io.releaseledger.ledger;

import io.releaseledger.version.SemanticVersion;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON of the Releases API ({@code docs/releases-api.md}) from a ledger's read model: {@link #state()} for
 * {@code api/state} and {@link #history} for {@code api/history}. The maps are fresh JSON values (maps, lists,
 * strings, numbers, booleans, null) that {@code Json.write} writes as they are; each call reads the ledger as
 * of its last catch-up.
 */
public final class LedgerView {
    /** Largest page of {@link #history}. */
    public static final int MAX_PAGE_SIZE = 200;
    /** At most this many releases and commits are listed as lacking per environment, the newest first. */
    static final int MAX_LACKING_RELEASES = 100;
    static final int MAX_LACKING_COMMITS = 1000;

    private final String application;
    private final ReadModel model;
    private final Object monitor;
    private final List<String> environmentOrder;
    private final Clock clock;
    private final Verification damage;

    LedgerView(final String application, final ReadModel model, final Object monitor,
            final List<String> environmentOrder, final Clock clock, final Verification damage) {
        this.damage = damage;
        this.application = application;
        this.model = model;
        this.monitor = monitor;
        this.environmentOrder = environmentOrder;
        this.clock = clock;
    }

    /** {@code api/state}: every environment in promotion order, pending promotions and bad releases. */
    public Map<String, Object> state() {
        synchronized (monitor) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("application", application);
            state.put("events", model.lastSequence);
            state.put("lastHash", model.lastHash);
            state.put("generatedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            state.put("integrity", integrity());
            List<String> names = environmentNames();
            List<Object> environments = new ArrayList<>();
            for (String name : names) {
                environments.add(environment(name));
            }
            state.put("environments", environments);
            state.put("pendingPromotion", pendingPromotion(names));
            List<Object> badReleases = new ArrayList<>();
            for (ReadModel.BadMark mark : model.bad.values()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("version", mark.version());
                json.put("reason", mark.reason());
                json.put("by", model.actor(mark.actor()));
                json.put("at", ReadModel.time(mark.time()));
                badReleases.add(json);
            }
            state.put("badReleases", badReleases);
            return state;
        }
    }

    /**
     * The {@code integrity} of {@code api/state}: {@code {"intact": true}}, or for a damaged journal
     * {@code {"intact": false, "line", "seq", "problem"}} (the first bad line); the rest of the state is then
     * what was recorded before the damage.
     */
    public Map<String, Object> integrity() {
        Map<String, Object> integrity = new LinkedHashMap<>();
        integrity.put("intact", damage == null);
        if (damage != null) {
            integrity.put("line", damage.getLine());
            integrity.put("seq", damage.getSequence());
            integrity.put("problem", damage.getProblem());
        }
        return integrity;
    }

    /**
     * {@code api/history}: one page of the history of an environment, or of all events for {@code null},
     * newest first. A page beyond the end has no entries; {@code size} is kept between 1 and
     * {@value #MAX_PAGE_SIZE}.
     */
    public Map<String, Object> history(final String environment, final int page, final int size) {
        synchronized (monitor) {
            int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
            int pageNumber = Math.max(0, page);
            IntList rows = null;
            int total;
            if (environment == null) {
                total = model.columns.size;
            } else {
                int id = model.environments.find(environment);
                rows = id < 0 ? null : model.byEnvironment.get(id);
                total = rows == null ? 0 : rows.size();
            }
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("environment", environment);
            history.put("page", pageNumber);
            history.put("size", pageSize);
            history.put("total", total);
            history.put("entries", entries(rows, total, pageNumber, pageSize));
            return history;
        }
    }

    /** The history of one release (its tag, deployments, checks, promotions, rollbacks to or from it), newest first. */
    public Map<String, Object> releaseHistory(final String version, final int page, final int size) {
        synchronized (monitor) {
            int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
            int pageNumber = Math.max(0, page);
            int id = model.strings.find(version);
            IntList rows = id < 0 ? null : model.byRelease.get(id);
            int total = rows == null ? 0 : rows.size();
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("version", version);
            history.put("page", pageNumber);
            history.put("size", pageSize);
            history.put("total", total);
            history.put("entries", rows == null ? new ArrayList<>() : entries(rows, total, pageNumber, pageSize));
            return history;
        }
    }

    /**
     * {@code api/metrics}: the DORA keys per environment over the query's window and per week of it, computed from
     * the read model (docs/metrics.md). Events at or after the window's end are not looked at.
     */
    public Map<String, Object> metrics(final MetricsQuery query) {
        synchronized (monitor) {
            Instant until = query.getUntil() != null ? query.getUntil() : clock.instant();
            long end = until.toEpochMilli();
            long start = end - query.getWeeks() * DeliveryMetrics.WEEK;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("application", application);
            json.put("events", model.lastSequence);
            json.put("from", Instant.ofEpochMilli(start).toString());
            json.put("until", until.toString());
            json.put("weeks", query.getWeeks());
            json.put("fixWindow", query.getFixWindow().toString());
            List<Object> environments = new ArrayList<>();
            List<String> names = query.getEnvironment() == null ? environmentNames() : List.of(query.getEnvironment());
            for (String name : names) {
                List<DeploymentRecord> records = model.delivery.records(model.environments.find(name));
                environments.add(new DeliveryMetrics(records, start, end, query.getWeeks())
                        .toJson(name, query.getFixWindow().toMillis()));
            }
            json.put("environments", environments);
            return json;
        }
    }

    /** Environment names in promotion order: the configured order first, then the others as they appeared. */
    public List<String> environmentNames() {
        synchronized (monitor) {
            Set<String> names = new LinkedHashSet<>(environmentOrder);
            names.addAll(model.environments.values());
            return new ArrayList<>(names);
        }
    }

    private List<Object> entries(final IntList rows, final int total, final int page, final int size) {
        List<Object> entries = new ArrayList<>();
        long first = (long) page * size;
        for (long i = first; i < total && i < first + size; i++) {
            int index = total - 1 - (int) i;
            entries.add(entry(rows == null ? index : rows.get(index)));
        }
        return entries;
    }

    private Map<String, Object> entry(final int row) {
        EventColumns columns = model.columns;
        Map<String, Object> entry = new LinkedHashMap<>();
        String version = model.strings.get(columns.version[row]);
        int flags = columns.flags[row];
        entry.put("seq", row + 1L);
        entry.put("type", model.strings.get(columns.type[row]));
        entry.put("at", ReadModel.time(columns.time[row]));
        entry.put("environment", model.environments.get(columns.environment[row]));
        entry.put("version", version);
        entry.put("from", model.strings.get(columns.from[row]));
        entry.put("by", model.actor(columns.actor[row]));
        entry.put("build", model.build(columns.origin[row], columns.number[row]));
        entry.put("reason", model.strings.get(columns.reason[row]));
        entry.put("rollback", (flags & EventColumns.ROLLBACK) != 0);
        entry.put("failed", (flags & EventColumns.FAILED) != 0);
        entry.put("bad", version != null && model.bad.containsKey(version));
        entry.put("automatic", (flags & EventColumns.AUTOMATIC) != 0);
        return entry;
    }

    private Map<String, Object> environment(final String name) {
        int id = model.environments.find(name);
        ReadModel.EnvironmentState state = id < 0 ? null : model.states.get(id);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        // After a deploy that failed without restoring, no version is claimed to run: "mixed" says what was attempted.
        json.put("current", state == null || state.mixed != null ? null : current(state));
        json.put("mixed", state == null ? null : mixed(state));
        json.put("lock", state == null ? null : lock(state.lock));
        json.put("lacking", lacking(state == null ? null : state.current));
        json.put("drift", state == null ? null : drift(id));
        return json;
    }

    /** The last drift check of an environment ({@code drift.detected} or {@code drift.checked}), or null. */
    private Map<String, Object> drift(final int env) {
        int row = model.driftRow(env);
        if (row < 0) {
            return null;
        }
        EventColumns columns = model.columns;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("drifted", EventTypes.DRIFT_DETECTED.equals(model.strings.get(columns.type[row])));
        json.put("at", ReadModel.time(columns.time[row]));
        json.put("version", model.strings.get(columns.version[row]));
        json.put("summary", model.strings.get(columns.reason[row]));
        json.put("by", model.actor(columns.actor[row]));
        json.put("build", model.build(columns.origin[row], columns.number[row]));
        return json;
    }

    private Map<String, Object> current(final ReadModel.EnvironmentState state) {
        ReadModel.Deployment current = state.current;
        if (current == null) {
            return null;
        }
        ReadModel.Release release = model.releases.get(current.version());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", current.version());
        json.put("tag", release == null ? null : release.tag);
        json.put("commit", current.commit());
        json.put("commitUrl", commitUrl(release == null ? null : release.repositoryUrl, current.commit()));
        json.put("image", current.image() == null ? null : new LinkedHashMap<>(current.image()));
        json.put("deployedBy", model.actor(current.actor()));
        json.put("deployedAt", ReadModel.time(current.time()));
        json.put("build", model.build(current.origin(), current.number()));
        json.put("via", current.via());
        json.put("bad", model.bad.containsKey(current.version()));
        ReadModel.CheckState check = state.checks.get(current.version());
        Map<String, Object> checks = null;
        if (check != null) {
            checks = new LinkedHashMap<>();
            checks.put("passed", check.passed());
            checks.put("at", ReadModel.time(check.time()));
            checks.put("results", check.results() == null ? new ArrayList<>() : new ArrayList<>(check.results()));
        }
        json.put("checks", checks);
        json.put("configurationChanges", configurationChanges(state));
        return json;
    }

    /** {@code {since, changes}} against the deployment before the current one; {@code null} for the first. */
    private static Map<String, Object> configurationChanges(final ReadModel.EnvironmentState state) {
        if (state.changes == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("since", state.changesSince);
        List<Object> changes = new ArrayList<>();
        state.changes.forEach(change -> changes.add(new LinkedHashMap<>(change)));
        json.put("changes", changes);
        return json;
    }

    private Map<String, Object> mixed(final ReadModel.EnvironmentState state) {
        ReadModel.Mixed mixed = state.mixed;
        if (mixed == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", mixed.version());
        json.put("previous", state.current == null ? null : state.current.version());
        json.put("deploymentId", mixed.deploymentId());
        json.put("reason", mixed.reason());
        json.put("since", ReadModel.time(mixed.time()));
        json.put("by", model.actor(mixed.actor()));
        json.put("build", model.build(mixed.origin(), mixed.number()));
        return json;
    }

    private Map<String, Object> lock(final ReadModel.LockState lock) {
        return lock == null ? null : lockJson(model, lock);
    }

    static Map<String, Object> lockJson(final ReadModel model, final ReadModel.LockState lock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", lock.version());
        json.put("since", ReadModel.time(lock.time()));
        json.put("by", model.actor(lock.actor()));
        json.put("build", model.build(lock.origin(), lock.number()));
        json.put("purpose", lock.purpose());
        return json;
    }

    /** The releases tagged after the one running (by SemVer precedence), newest first, their commits and issues. */
    private Map<String, Object> lacking(final ReadModel.Deployment current) {
        List<Object> releases = new ArrayList<>();
        List<Object> commits = new ArrayList<>();
        Set<String> issues = new LinkedHashSet<>();
        long commitCount = 0;
        Iterable<ReadModel.Release> newer = List.of();
        if (current == null) {
            newer = model.tagged.descendingMap().values();
        } else {
            Optional<SemanticVersion> running = SemanticVersion.tryParse(current.version());
            if (running.isPresent()) {
                newer = model.tagged.tailMap(running.get(), false).descendingMap().values();
            }
        }
        for (ReadModel.Release release : newer) {
            if (releases.size() == MAX_LACKING_RELEASES || commits.size() >= MAX_LACKING_COMMITS) {
                break;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("version", release.version);
            json.put("tag", release.tag);
            json.put("taggedAt", ReadModel.time(release.taggedAt));
            releases.add(json);
            commitCount += release.commitCount;
            for (int i = 0; i < release.commitIds.length && commits.size() < MAX_LACKING_COMMITS; i++) {
                Map<String, Object> commit = new LinkedHashMap<>();
                commit.put("id", release.commitIds[i]);
                commit.put("subject", release.commitSubjects[i]);
                commit.put("url", commitUrl(release.repositoryUrl, release.commitIds[i]));
                commit.put("version", release.version);
                commits.add(commit);
                IssueKeys.collect(release.commitSubjects[i], issues);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("releases", releases);
        json.put("commits", commits);
        // all commits of the listed releases, also those a long release's event did not list
        json.put("commitCount", commitCount);
        json.put("issues", new ArrayList<>(issues));
        // Only tagged releases say what main has: without any, or with a running version that is not one, nothing
        // lacking means nothing known, not "up to date".
        json.put("known", !model.tagged.isEmpty()
                && (current == null || SemanticVersion.tryParse(current.version()).isPresent()));
        return json;
    }

    /**
     * Per pair of neighbours in promotion order: the release running in the first, not bad, whose last checks
     * there passed (or that had none), when the next does not run it already nor a newer one.
     */
    private List<Object> pendingPromotion(final List<String> names) {
        List<Object> pending = new ArrayList<>();
        for (int i = 0; i + 1 < names.size(); i++) {
            ReadModel.EnvironmentState from = state(names.get(i));
            ReadModel.EnvironmentState to = state(names.get(i + 1));
            if (from == null || from.current == null || from.mixed != null) {
                continue;
            }
            String version = from.current.version();
            ReadModel.CheckState check = from.checks.get(version);
            if (model.bad.containsKey(version) || check != null && !check.passed()) {
                continue;
            }
            ReadModel.Deployment next = to == null ? null : to.current;
            if (next != null && (next.version().equals(version) || isNewer(next.version(), version))) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("version", version);
            json.put("from", names.get(i));
            json.put("to", names.get(i + 1));
            pending.add(json);
        }
        return pending;
    }

    private ReadModel.EnvironmentState state(final String name) {
        int id = model.environments.find(name);
        return id < 0 ? null : model.states.get(id);
    }

    private static boolean isNewer(final String version, final String than) {
        Optional<SemanticVersion> a = SemanticVersion.tryParse(version);
        Optional<SemanticVersion> b = SemanticVersion.tryParse(than);
        return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) > 0;
    }

    private static String commitUrl(final String repositoryUrl, final String commit) {
        if (repositoryUrl == null || repositoryUrl.isBlank() || commit == null) {
            return null;
        }
        String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1)
                : repositoryUrl;
        return base + "/commit/" + commit;
    }
}
