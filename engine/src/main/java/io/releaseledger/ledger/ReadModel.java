package io.releaseledger.ledger;

import io.releaseledger.version.SemanticVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's read model: every event applied in sequence order. History lives in {@link EventColumns} and
 * int indexes per environment and per release; the current state per environment is a handful of objects.
 * Not thread-safe: {@link Ledger} serialises access.
 */
final class ReadModel {
    static final long NO_TIME = Long.MIN_VALUE;
    static final int NO_NUMBER = Integer.MIN_VALUE;
    /** {@link EnvironmentState#driftRow} not looked up yet (a checkpoint does not keep it). */
    static final int UNSCANNED = -2;
    private static final String NULL = "\u0001";
    private static final int CHECKS_KEPT = 16;
    private static final int STARTED_KEPT = 32;

    final Dictionary strings = new Dictionary();
    final Dictionary environments = new Dictionary();
    final Dictionary actors = new Dictionary();
    final Dictionary origins = new Dictionary();
    final EventColumns columns = new EventColumns();
    final List<IntList> byEnvironment = new ArrayList<>();
    final Map<Integer, IntList> byRelease = new HashMap<>();
    final List<EnvironmentState> states = new ArrayList<>();
    final Map<String, Release> releases = new HashMap<>();
    final TreeMap<SemanticVersion, Release> tagged = new TreeMap<>();
    /** The deployments per environment, for the metrics (docs/metrics.md). */
    final DeliveryLog delivery = new DeliveryLog();
    final Map<String, BadMark> bad = new LinkedHashMap<>();
    long unknownEvents;
    long lastSequence;
    String lastHash = Journal.ZERO_HASH;

    /** The state of one environment. */
    static final class EnvironmentState {
        /** The last release known to run everywhere in the environment. */
        Deployment current;
        /**
         * A deploy that failed without seeing the previous release back everywhere it changed ({@code restored: false}):
         * until the next deployment, promotion or rollback succeeds, what runs there is not known.
         */
        Mixed mixed;
        LockState lock;
        final Map<String, CheckState> checks = bounded(CHECKS_KEPT);
        final Map<String, Started> started = bounded(STARTED_KEPT);
        /** The recorded configuration of the last successful deployment, and what it changed against the one before. */
        Map<String, Object> deployedConfiguration;
        String changesSince;
        List<Map<String, Object>> changes;
        /** The row of the last drift event, -1 for none; derived from the columns, so never in a checkpoint. */
        int driftRow = UNSCANNED;
    }

    /** What runs in an environment, and how it got there ({@code deployment}, {@code promotion}, {@code rollback}). */
    record Deployment(String version, String commit, Map<String, Object> image, int actor, int origin, int number,
            long time, String via) {
    }

    record Started(String version, String commit, Map<String, Object> image, Map<String, Object> configuration) {
    }

    /** The failed deploy that left an environment mixed: the version it was deploying, why it failed, who and when. */
    record Mixed(String version, String deploymentId, String reason, int actor, int origin, int number, long time) {
    }

    record LockState(String lockId, String version, String purpose, int actor, int origin, int number, long time) {
    }

    record CheckState(String version, boolean passed, long time, List<Object> results) {
    }

    record BadMark(String version, String reason, int actor, long time) {
    }

    /** A version: what its tag event said (when there was one) and the artifact last seen deployed. */
    static final class Release {
        final String version;
        boolean tagged;
        String tag;
        String commit;
        String repositoryUrl;
        long taggedAt = NO_TIME;
        String[] commitIds = new String[0];
        String[] commitSubjects = new String[0];
        /**
         * The commits' committer times (epoch ms, {@link #NO_TIME} when not recorded): where lead time starts. Those of
         * the listed commits, in their order, then those of the commits the event left out ({@code omittedCommitTimes}).
         */
        long[] commitTimes = CommitTimes.NONE;
        /** All commits of the release: its event's {@code commitCount}, or the listed ones when an older event has none. */
        int commitCount;
        String deployedCommit;
        Map<String, Object> image;

        Release(final String version) {
            this.version = version;
        }

        String commitOrDeployed() {
            return deployedCommit != null ? deployedCommit : commit;
        }
    }

    private static void configured(final EnvironmentState state, final Map<String, Object> configuration) {
        Map<String, Object> before = state.deployedConfiguration;
        state.changesSince = before == null ? null : string(before, "version");
        state.changes = before == null ? null : ConfigurationChanges.between(before, configuration);
        state.deployedConfiguration = configuration;
    }

    void apply(final LedgerEvent event) {
        if (event.getSequence() != lastSequence + 1) {
            throw new IllegalStateException("read model at seq " + lastSequence + " was given seq "
                    + event.getSequence());
        }
        Map<String, Object> data = event.getData();
        String type = event.getType();
        int row = columns.add();
        Instant at = event.getTime();
        long time = at == null ? NO_TIME : at.toEpochMilli();
        int env = event.getEnvironment() == null ? -1 : environment(event.getEnvironment());
        int actor = actors.id(actorKey(event.getActor()));
        Origin origin = event.getOrigin();
        int originId = origins.id(originKey(origin));
        int number = origin == null || origin.getBuild() == null ? NO_NUMBER : origin.getBuild();
        String version = string(data, "version");
        String from = null;
        String reason = null;
        int flags = 0;
        EnvironmentState state = env < 0 ? null : states.get(env);
        switch (event.isKnown() ? type : "") {
            case EventTypes.VERSION_TAGGED -> {
                from = string(data, "previousVersion");
                tag(version, data, time);
            }
            case EventTypes.DEPLOYMENT_STARTED -> {
                if (state != null && version != null) {
                    Started started = new Started(version, string(data, "commit"), object(data, "image"),
                            ConfigurationChanges.of(data));
                    state.started.put(String.valueOf(data.get("deploymentId")), started);
                    Release release = release(version);
                    release.deployedCommit = started.commit() != null ? started.commit() : release.deployedCommit;
                    release.image = started.image() != null ? withKnownTag(started.image(), release.image)
                            : release.image;
                }
            }
            case EventTypes.DEPLOYMENT_SUCCEEDED -> {
                if (state != null && version != null) {
                    Started started = state.started.remove(String.valueOf(data.get("deploymentId")));
                    Release release = release(version);
                    String commit = started != null && started.commit() != null ? started.commit()
                            : release.commitOrDeployed();
                    Map<String, Object> image = started != null && started.image() != null
                            ? withKnownTag(started.image(), release.image) : release.image;
                    state.current = new Deployment(version, commit, image, actor, originId, number, time,
                            "deployment");
                    state.mixed = null;
                    if (started != null) {
                        configured(state, started.configuration());
                    }
                }
            }
            case EventTypes.DEPLOYMENT_FAILED -> {
                flags |= EventColumns.FAILED;
                reason = string(data, "reason");
                if (state != null) {
                    state.started.remove(String.valueOf(data.get("deploymentId")));
                    if (Boolean.FALSE.equals(data.get("restored"))) {
                        state.mixed = new Mixed(version, string(data, "deploymentId"), reason, actor, originId, number,
                                time);
                    }
                }
            }
            case EventTypes.CHECK_RECORDED -> {
                boolean passed = Boolean.TRUE.equals(data.get("passed"));
                if (!passed) {
                    flags |= EventColumns.FAILED;
                }
                if (state != null && version != null) {
                    state.checks.remove(version);
                    state.checks.put(version, new CheckState(version, passed, time, checkResults(data)));
                }
            }
            case EventTypes.RELEASE_PROMOTED -> {
                from = string(data, "from");
                if (state != null && version != null) {
                    Release release = release(version);
                    Map<String, Object> image = object(data, "image");
                    if (image != null) {
                        release.image = withKnownTag(image, release.image);
                    }
                    state.current = new Deployment(version, release.commitOrDeployed(), release.image, actor,
                            originId, number, time, "promotion");
                    state.mixed = null;
                }
            }
            case EventTypes.RELEASE_ROLLED_BACK -> {
                flags |= EventColumns.ROLLBACK;
                version = string(data, "to");
                from = string(data, "from");
                reason = string(data, "reason");
                if (Boolean.TRUE.equals(data.get("automatic"))) {
                    flags |= EventColumns.AUTOMATIC;
                }
                if (state != null && version != null) {
                    Release release = release(version);
                    state.current = new Deployment(version, release.commitOrDeployed(), release.image, actor,
                            originId, number, time, "rollback");
                    state.mixed = null;
                }
            }
            case EventTypes.RELEASE_MARKED_BAD -> {
                reason = string(data, "reason");
                if (version != null) {
                    bad.remove(version);
                    bad.put(version, new BadMark(version, reason, actor, time));
                }
            }
            case EventTypes.RELEASE_BAD_CLEARED -> {
                reason = string(data, "reason");
                if (version != null) {
                    bad.remove(version);
                }
            }
            case EventTypes.ENVIRONMENT_LOCKED -> {
                if (state != null) {
                    state.lock = new LockState(string(data, "lockId"), version, string(data, "purpose"), actor,
                            originId, number, time);
                }
            }
            case EventTypes.ENVIRONMENT_UNLOCKED -> {
                if (state != null && state.lock != null
                        && java.util.Objects.equals(state.lock.lockId(), string(data, "lockId"))) {
                    state.lock = null;
                }
            }
            case EventTypes.LEDGER_KEY_ROTATED -> {
                // the journal's seal changed key: nothing changes in what runs where
            }
            case EventTypes.DRIFT_DETECTED, EventTypes.DRIFT_CHECKED -> {
                reason = string(data, "summary");
                if (state != null) {
                    state.driftRow = row;
                }
            }
            case EventTypes.NOTIFICATION_SENT, EventTypes.NOTIFICATION_FAILED -> {
                // the history shows the outcome; nothing changes in what runs where
                reason = string(data, "summary");
                if (EventTypes.NOTIFICATION_FAILED.equals(type)) {
                    flags |= EventColumns.FAILED;
                }
            }
            default -> unknownEvents++;
        }
        columns.time[row] = time;
        columns.type[row] = strings.id(type);
        columns.environment[row] = env;
        columns.version[row] = strings.id(version);
        columns.from[row] = strings.id(from);
        columns.actor[row] = actor;
        columns.origin[row] = originId;
        columns.number[row] = number;
        columns.reason[row] = strings.id(reason);
        columns.flags[row] = (byte) flags;
        index(row);
        delivery.apply(this, row);
        lastSequence = event.getSequence();
        lastHash = event.getHash();
    }

    /** Adds a row to the per-environment and per-release indexes (also used when a checkpoint is loaded). */
    void index(final int row) {
        int env = columns.environment[row];
        if (env >= 0) {
            byEnvironment.get(env).add(row);
        }
        int version = columns.version[row];
        if (version >= 0) {
            byRelease.computeIfAbsent(version, key -> new IntList(4)).add(row);
        }
        int from = columns.from[row];
        if ((columns.flags[row] & EventColumns.ROLLBACK) != 0 && from >= 0 && from != version) {
            byRelease.computeIfAbsent(from, key -> new IntList(4)).add(row);
        }
    }

    /** The row of the environment's last drift event, or -1: looked up once after a checkpoint, then kept. */
    int driftRow(final int env) {
        EnvironmentState state = states.get(env);
        if (state.driftRow == UNSCANNED) {
            state.driftRow = -1;
            IntList rows = byEnvironment.get(env);
            for (int i = rows.size() - 1; i >= 0; i--) {
                String type = strings.get(columns.type[rows.get(i)]);
                if (EventTypes.DRIFT_DETECTED.equals(type) || EventTypes.DRIFT_CHECKED.equals(type)) {
                    state.driftRow = rows.get(i);
                    break;
                }
            }
        }
        return state.driftRow;
    }

    int environment(final String name) {
        int id = environments.id(name);
        while (states.size() <= id) {
            states.add(new EnvironmentState());
            byEnvironment.add(new IntList());
        }
        return id;
    }

    Release release(final String version) {
        return releases.computeIfAbsent(version, Release::new);
    }

    /**
     * The image as recorded, with the tag an earlier record of the same digest had when this one has none: a rollback
     * or a promotion deploys by digest, and the page should still say which tag that was.
     */
    static Map<String, Object> withKnownTag(final Map<String, Object> image, final Map<String, Object> earlier) {
        if (image.get("tag") != null || earlier == null || earlier.get("tag") == null
                || !java.util.Objects.equals(image.get("digest"), earlier.get("digest"))) {
            return image;
        }
        Map<String, Object> tagged = new java.util.LinkedHashMap<>(image);
        tagged.put("tag", earlier.get("tag"));
        return tagged;
    }

    private void tag(final String version, final Map<String, Object> data, final long time) {
        if (version == null) {
            return;
        }
        Release release = release(version);
        release.tagged = true;
        release.tag = string(data, "tag");
        release.commit = string(data, "commit");
        release.repositoryUrl = strings.get(strings.id(string(data, "repositoryUrl")));
        release.taggedAt = time;
        List<Object> commits = list(data, "commits");
        List<String> ids = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        CommitTimes times = new CommitTimes();
        if (commits != null) {
            for (Object commit : commits) {
                if (commit instanceof Map<?, ?> map) {
                    ids.add(map.get("id") instanceof String id ? id : null);
                    subjects.add(map.get("subject") instanceof String subject ? subject : null);
                    times.add(map.get("time"));
                }
            }
        }
        int counted = ids.size();
        List<Object> omitted = list(data, "omittedCommitTimes");
        if (omitted != null) {
            for (Object seconds : omitted) {
                times.addEpochSecond(seconds);
            }
            counted += omitted.size();
        }
        release.commitIds = ids.toArray(new String[0]);
        release.commitSubjects = subjects.toArray(new String[0]);
        release.commitTimes = times.toArray();
        release.commitCount = data.get("commitCount") instanceof Number count
                ? (int) Math.max(counted, Math.min(count.longValue(), Integer.MAX_VALUE)) : counted;
        SemanticVersion.tryParse(version).ifPresent(parsed -> tagged.put(parsed, release));
    }

    static String actorKey(final Actor actor) {
        return actor == null ? null : actor.getId() + '\u0000' + actor.getName();
    }

    /**
     * Origins without their build number, so that all builds of a job share one entry: a URL that ends with
     * the number (and an optional slash) is kept as prefix and suffix around it.
     */
    static String originKey(final Origin origin) {
        if (origin == null) {
            return null;
        }
        String prefix = origin.getUrl();
        String suffix = null;
        if (prefix != null && origin.getBuild() != null) {
            String number = origin.getBuild().toString();
            String tail = prefix.endsWith("/") ? "/" : "";
            String rest = prefix.substring(0, prefix.length() - tail.length());
            if (rest.endsWith(number) && (rest.length() == number.length()
                    || !Character.isDigit(rest.charAt(rest.length() - number.length() - 1)))) {
                prefix = rest.substring(0, rest.length() - number.length());
                suffix = tail;
            }
        }
        return String.join("\u0000", nul(origin.getKind()), nul(origin.getJob()), nul(prefix), nul(suffix),
                origin.isChangeRequest() ? "1" : "0", nul(origin.getUser()), nul(origin.getHost()));
    }

    /** The JSON {@code build} of an origin: {@code {job, number, url}} for a build, {@code null} for a CLI run. */
    Map<String, Object> build(final int origin, final int number) {
        if (origin < 0) {
            return null;
        }
        String[] parts = origins.get(origin).split("\u0000", -1);
        if (!Origin.JENKINS.equals(parts[0])) {
            return null;
        }
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("job", unnul(parts[1]));
        build.put("number", number == NO_NUMBER ? null : number);
        String prefix = unnul(parts[2]);
        String suffix = unnul(parts[3]);
        build.put("url", prefix == null || suffix == null ? prefix : prefix + number + suffix);
        return build;
    }

    /** The JSON {@code {id, name}} of an actor id. */
    Map<String, Object> actor(final int actor) {
        if (actor < 0) {
            return null;
        }
        String key = actors.get(actor);
        int split = key.indexOf('\u0000');
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.substring(0, split));
        json.put("name", key.substring(split + 1));
        return json;
    }

    static String time(final long time) {
        return time == NO_TIME ? null : Instant.ofEpochMilli(time).toString();
    }

    private static String nul(final String value) {
        return value == null ? NULL : value;
    }

    private static String unnul(final String value) {
        return NULL.equals(value) ? null : value;
    }

    static String string(final Map<String, Object> data, final String key) {
        Object value = data.get(key);
        return value instanceof String ? (String) value : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final Map<String, Object> data, final String key) {
        Object value = data.get(key);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /**
     * The results of a {@code check.recorded} event as given; each also carries the event's {@code run} ({@code gate}
     * or {@code smoke}) and {@code server} when the event names them and the result does not, so that the state's
     * {@code checks.results} say which run (and which server) each result comes from.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> checkResults(final Map<String, Object> data) {
        List<Object> results = list(data, "results");
        String run = string(data, "run");
        String server = string(data, "server");
        if (results == null || run == null && server == null) {
            return results;
        }
        List<Object> marked = new ArrayList<>(results.size());
        for (Object result : results) {
            if (result instanceof Map) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) result);
                if (run != null) {
                    copy.putIfAbsent("run", run);
                }
                if (server != null) {
                    copy.putIfAbsent("server", server);
                }
                marked.add(copy);
            } else {
                marked.add(result);
            }
        }
        return marked;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(final Map<String, Object> data, final String key) {
        Object value = data.get(key);
        return value instanceof List ? (List<Object>) value : null;
    }

    private static <V> Map<String, V> bounded(final int size) {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }
}
