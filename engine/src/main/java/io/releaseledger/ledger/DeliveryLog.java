package io.releaseledger.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The deployments of every environment, oldest first, kept as the read model applies events (and rebuilt from its
 * history columns when a checkpoint is loaded), so that metrics read only the deployments of their window
 * (docs/metrics.md):
 * <ul>
 * <li>{@code deployment.succeeded} and {@code deployment.failed} are a deployment each; a {@code release.promoted}
 * of the version the environment's last deployment just brought is that deployment;</li>
 * <li>a {@code release.rolledback} makes the succeeded deployment of its {@code to} just before it the rollback's own
 * deploy (else, after a failed deploy that restored, it is the restore), and marks the last change of its
 * {@code from} rolled back;</li>
 * <li>a failed {@code check.recorded} of the version that runs marks the deployment that brought it;</li>
 * <li>a succeeded change of a patch release of the last succeeded change, within the fix window, marks it fixed;</li>
 * <li>a succeeded change brings the commits of its release and of the releases it was counted from
 * ({@code previousVersion}, then theirs) back to the first one already brought: their lead times.</li>
 * </ul>
 */
final class DeliveryLog {
    /** The longest fix window: facts are kept with their time; a query with a shorter window compares the times. */
    static final long FIX_WINDOW_KEPT = MetricsQuery.MAX_FIX_WINDOW.toMillis();

    private static final byte UNKNOWN = 0;
    private static final byte OTHER = 1;
    private static final byte SUCCEEDED = 2;
    private static final byte FAILED = 3;
    private static final byte PROMOTED = 4;
    private static final byte ROLLED_BACK = 5;
    private static final byte CHECK = 6;

    private final List<Environment> environments = new ArrayList<>();
    /** What each type id of the string dictionary is to the metrics, found once per id. */
    private byte[] kinds = new byte[64];

    /** The deployments of one environment and what it already has. */
    static final class Environment {
        final List<DeploymentRecord> records = new ArrayList<>();
        final BitSet brought = new BitSet();
        DeploymentRecord running;
        DeploymentRecord lastChange;
    }

    /** The deployments of environment {@code env}, oldest first (empty for an unknown one). */
    List<DeploymentRecord> records(final int env) {
        return env < 0 || env >= environments.size() ? List.of() : environments.get(env).records;
    }

    /** Forgets everything and applies every row of the model's history again (after a checkpoint is loaded). */
    void rebuild(final ReadModel model) {
        environments.clear();
        for (int row = 0; row < model.columns.size; row++) {
            apply(model, row);
        }
    }

    /** Applies the event of history row {@code row}, already in the model's columns and indexes. */
    void apply(final ReadModel model, final int row) {
        EventColumns columns = model.columns;
        int env = columns.environment[row];
        long time = columns.time[row];
        if (env < 0 || time == ReadModel.NO_TIME) {
            return;
        }
        byte kind = kind(model, columns.type[row]);
        if (kind == OTHER) {
            return;
        }
        while (environments.size() <= env) {
            environments.add(new Environment());
        }
        Environment environment = environments.get(env);
        int version = columns.version[row];
        List<DeploymentRecord> records = environment.records;
        DeploymentRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        if (kind == SUCCEEDED) {
            DeploymentRecord record = add(environment, new DeploymentRecord(time, version, true));
            change(model, environment, record);
        } else if (kind == FAILED) {
            add(environment, new DeploymentRecord(time, version, false));
        } else if (kind == PROMOTED) {
            if (last != null && last.succeeded && !last.promoted && last.rollbackAt == DeploymentRecord.NEVER
                    && same(last.version, version)) {
                last.promoted = true;
            } else {
                DeploymentRecord record = add(environment, new DeploymentRecord(time, version, true));
                record.promoted = true;
                change(model, environment, record);
            }
        } else if (kind == ROLLED_BACK) {
            if (last != null && last.succeeded && last.rollbackAt == DeploymentRecord.NEVER && !last.promoted
                    && same(last.version, version)) {
                last.rollbackAt = time;
                if (environment.lastChange == last) {
                    environment.lastChange = lastChangeBefore(records, records.size() - 1);
                }
            } else {
                DeploymentRecord restore = add(environment, new DeploymentRecord(time, version, true));
                restore.rollbackAt = time;
            }
            markRolledBack(records, columns.from[row], time);
        } else if (kind == CHECK && (columns.flags[row] & EventColumns.FAILED) != 0 && environment.running != null
                && same(environment.running.version, version)
                && environment.running.firstFailedCheck == DeploymentRecord.NEVER) {
            environment.running.firstFailedCheck = time;
        }
    }

    private byte kind(final ReadModel model, final int type) {
        if (type < 0) {
            return OTHER;
        }
        if (type >= kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.max(type + 1, kinds.length * 2));
        }
        if (kinds[type] == UNKNOWN) {
            kinds[type] = switch (model.strings.get(type)) {
                case EventTypes.DEPLOYMENT_SUCCEEDED -> SUCCEEDED;
                case EventTypes.DEPLOYMENT_FAILED -> FAILED;
                case EventTypes.RELEASE_PROMOTED -> PROMOTED;
                case EventTypes.RELEASE_ROLLED_BACK -> ROLLED_BACK;
                case EventTypes.CHECK_RECORDED -> CHECK;
                default -> OTHER;
            };
        }
        return kinds[type];
    }

    /** The last succeeded change before index {@code end}, {@code null} for none. */
    private static DeploymentRecord lastChangeBefore(final List<DeploymentRecord> records, final int end) {
        for (int i = end - 1; i >= 0; i--) {
            DeploymentRecord record = records.get(i);
            if (record.succeeded && record.rollbackAt == DeploymentRecord.NEVER) {
                return record;
            }
        }
        return null;
    }

    private static DeploymentRecord add(final Environment environment, final DeploymentRecord record) {
        environment.records.add(record);
        if (record.succeeded) {
            environment.running = record;
        }
        return record;
    }

    /** A succeeded change: the fix of the change before it, perhaps, and the commits it brings. */
    private void change(final ReadModel model, final Environment environment, final DeploymentRecord record) {
        DeploymentRecord previous = environment.lastChange;
        if (previous != null && record.time - previous.time <= FIX_WINDOW_KEPT
                && isPatchOf(model.strings.get(record.version), model.strings.get(previous.version))) {
            previous.fixedAt = record.time;
        }
        environment.lastChange = record;
        bring(model, environment, record);
    }

    /** Marks the latest change of {@code from} (not the rollback's own deploy) rolled back at {@code time}. */
    private static void markRolledBack(final List<DeploymentRecord> records, final int from, final long time) {
        for (int i = records.size() - 1; i >= 0; i--) {
            DeploymentRecord record = records.get(i);
            if (record.rollbackAt == DeploymentRecord.NEVER && same(record.version, from)) {
                if (record.rolledBackAt == DeploymentRecord.NEVER) {
                    record.rolledBackAt = time;
                }
                return;
            }
        }
    }

    /** The lead times of the commits {@code record} brings to the environment first. */
    private void bring(final ReadModel model, final Environment environment, final DeploymentRecord record) {
        long[] buffer = null;
        int count = 0;
        int version = record.version;
        while (version >= 0 && !environment.brought.get(version)) {
            environment.brought.set(version);
            ReadModel.Release release = model.releases.get(model.strings.get(version));
            if (release == null) {
                break;
            }
            // every commit counted, listed or not: the times of those a long release left out follow the listed ones
            long[] times = release.commitTimes;
            record.commitsWithoutTime += Math.max(0, release.commitCount - times.length);
            for (long committed : times) {
                if (committed == ReadModel.NO_TIME) {
                    record.commitsWithoutTime++;
                    continue;
                }
                if (buffer == null) {
                    buffer = new long[Math.max(4, times.length)];
                } else if (count == buffer.length) {
                    buffer = Arrays.copyOf(buffer, count * 2);
                }
                buffer[count++] = Math.max(0, record.time - committed);
            }
            version = previousVersion(model, version);
        }
        record.leadTimes = count == 0 ? CommitTimes.NONE : count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }

    /** The id of the {@code previousVersion} of the version's first {@code version.tagged}, -1 for none. */
    private static int previousVersion(final ReadModel model, final int version) {
        IntList rows = model.byRelease.get(version);
        int tagged = model.strings.find(EventTypes.VERSION_TAGGED);
        if (rows == null || tagged < 0) {
            return -1;
        }
        EventColumns columns = model.columns;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            if (columns.type[row] == tagged && columns.version[row] == version) {
                return columns.from[row];
            }
        }
        return -1;
    }

    /**
     * Whether {@code fix} is a later patch release (not a pre-release) of the same major and minor as {@code base}.
     * Read without {@code SemanticVersion} (which parses into {@code BigInteger}s): this runs once per deployment.
     */
    static boolean isPatchOf(final String fix, final String base) {
        long[] next = core(fix);
        long[] before = core(base);
        return next != null && before != null && next[3] == 0 && next[0] == before[0] && next[1] == before[1]
                && next[2] > before[2];
    }

    /**
     * Major, minor, patch and whether there is a pre-release (1 or 0) of a SemVer 2.0.0 version; {@code null} when the
     * core is not three numbers without leading zeros (or too long for a {@code long}).
     */
    static long[] core(final String version) {
        if (version == null) {
            return null;
        }
        int end = version.length();
        int plus = version.indexOf('+');
        end = plus >= 0 ? plus : end;
        int dash = version.indexOf('-');
        boolean preRelease = dash >= 0 && dash < end;
        end = preRelease ? dash : end;
        long[] parts = new long[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || version.charAt(i) == '.') {
                int length = i - start;
                if (part > 2 || length == 0 || length > 18 || length > 1 && version.charAt(start) == '0') {
                    return null;
                }
                long value = 0;
                for (int c = start; c < i; c++) {
                    char digit = version.charAt(c);
                    if (digit < '0' || digit > '9') {
                        return null;
                    }
                    value = value * 10 + (digit - '0');
                }
                parts[part++] = value;
                start = i + 1;
            }
        }
        if (part != 3) {
            return null;
        }
        parts[3] = preRelease ? 1 : 0;
        return parts;
    }

    /** Whether two version ids in the read model's string dictionary name the same version. */
    private static boolean same(final int a, final int b) {
        return a >= 0 && a == b;
    }
}
