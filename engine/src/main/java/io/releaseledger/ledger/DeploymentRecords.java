package io.releaseledger.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The deployments of one environment, oldest first, read from the read model's history columns (never the journal):
 * one pass over the environment's rows, as docs/metrics.md defines them.
 * <ul>
 * <li>{@code deployment.succeeded} and {@code deployment.failed} are a deployment each; a {@code release.promoted}
 * of the version the last deployment just brought is that deployment (a promotion deploys, then says so);</li>
 * <li>a {@code release.rolledback} turns the succeeded deployment of its {@code to} just before it into the
 * rollback's own deploy (else, after a failed deploy that restored, it is the restore), and marks the last change
 * of its {@code from} rolled back;</li>
 * <li>a failed {@code check.recorded} of the version that runs marks the deployment that brought it;</li>
 * <li>a change followed, within the fix window, by a change to a patch release of the same major and minor
 * version is marked fixed.</li>
 * </ul>
 */
final class DeploymentRecords {
    private DeploymentRecords() {
    }

    /** The deployments of environment {@code env} from the events before {@code until} (epoch ms). */
    static List<DeploymentRecord> of(final ReadModel model, final int env, final long until, final long fixWindow) {
        List<DeploymentRecord> records = new ArrayList<>();
        if (env < 0 || env >= model.byEnvironment.size()) {
            return records;
        }
        int succeeded = model.strings.find(EventTypes.DEPLOYMENT_SUCCEEDED);
        int failed = model.strings.find(EventTypes.DEPLOYMENT_FAILED);
        int promoted = model.strings.find(EventTypes.RELEASE_PROMOTED);
        int rolledBack = model.strings.find(EventTypes.RELEASE_ROLLED_BACK);
        int check = model.strings.find(EventTypes.CHECK_RECORDED);
        EventColumns columns = model.columns;
        IntList rows = model.byEnvironment.get(env);
        DeploymentRecord running = null;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            long time = columns.time[row];
            if (time == ReadModel.NO_TIME || time >= until) {
                continue;
            }
            int type = columns.type[row];
            String version = model.strings.get(columns.version[row]);
            DeploymentRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
            if (type == succeeded && type >= 0) {
                running = add(records, new DeploymentRecord(time, version, true));
            } else if (type == failed && type >= 0) {
                add(records, new DeploymentRecord(time, version, false));
            } else if (type == promoted && type >= 0) {
                if (last != null && last.succeeded && !last.promoted && !last.rollback && same(last.version, version)) {
                    last.promoted = true;
                } else {
                    running = add(records, new DeploymentRecord(time, version, true));
                    running.promoted = true;
                }
            } else if (type == rolledBack && type >= 0) {
                if (last != null && last.succeeded && !last.rollback && !last.promoted && same(last.version, version)) {
                    last.rollback = true;
                } else {
                    DeploymentRecord restore = new DeploymentRecord(time, version, true);
                    restore.rollback = true;
                    running = add(records, restore);
                }
                markRolledBack(records, model.strings.get(columns.from[row]));
            } else if (type == check && type >= 0 && (columns.flags[row] & EventColumns.FAILED) != 0
                    && running != null && same(running.version, version) && !running.hasFailedChecks()) {
                running.firstFailedCheck = time;
            }
        }
        markFixed(records, fixWindow);
        return records;
    }

    private static DeploymentRecord add(final List<DeploymentRecord> records, final DeploymentRecord record) {
        records.add(record);
        return record;
    }

    /** Marks the latest change of {@code from} (before the rollback's own deploy) rolled back. */
    private static void markRolledBack(final List<DeploymentRecord> records, final String from) {
        for (int i = records.size() - 1; i >= 0; i--) {
            DeploymentRecord record = records.get(i);
            if (record.isChange() && same(record.version, from)) {
                record.rolledBack = true;
                return;
            }
        }
    }

    private static void markFixed(final List<DeploymentRecord> records, final long fixWindow) {
        DeploymentRecord previous = null;
        for (DeploymentRecord record : records) {
            if (!record.isChange() || !record.succeeded) {
                continue;
            }
            if (previous != null && record.time - previous.time <= fixWindow
                    && isPatchOf(record.version, previous.version)) {
                previous.fixed = true;
            }
            previous = record;
        }
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

    private static boolean same(final String a, final String b) {
        return a != null && a.equals(b);
    }
}
