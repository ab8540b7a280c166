package io.releaseledger.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four DORA keys of one environment over one window and per week of it, from its {@link DeploymentRecord}s (kept
 * by {@link DeliveryLog}), as the JSON of {@code api/metrics} (docs/metrics.md): deployment frequency, lead time for
 * changes, change failure rate and time to restore. Failures are judged, and restores seen, with everything recorded
 * before the query's end.
 */
final class DeliveryMetrics {
    static final long WEEK = Duration.ofDays(7).toMillis();

    private final List<DeploymentRecord> records;
    private final long from;
    private final long until;
    private final int weeks;

    DeliveryMetrics(final List<DeploymentRecord> records, final long from, final long until, final int weeks) {
        this.records = records;
        this.from = from;
        this.until = until;
        this.weeks = weeks;
    }

    /** The environment's figures over the window, then one entry per week, oldest first. */
    Map<String, Object> toJson(final String environment, final long fixWindow) {
        Figures window = new Figures();
        Figures[] perWeek = new Figures[weeks];
        for (int week = 0; week < weeks; week++) {
            perWeek[week] = new Figures();
        }
        // Only the window's deployments: the first at or after its start is found by halving (they are in time order).
        for (int i = firstAtOrAfter(from); i < records.size(); i++) {
            DeploymentRecord record = records.get(i);
            if (record.time < from || record.time >= until) {
                continue;
            }
            boolean failure = isFailure(record, fixWindow);
            long restored = failure ? restoredAt(i) : ReadModel.NO_TIME;
            window.add(record, until, failure, fixed(record, fixWindow), restored);
            perWeek[(int) Math.min(weeks - 1, (record.time - from) / WEEK)].add(record, until, failure,
                    fixed(record, fixWindow), restored);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", environment);
        json.put("deploymentFrequency", window.frequency(weeks));
        json.put("leadTime", window.leadTime());
        json.put("changeFailureRate", window.changeFailure());
        json.put("timeToRestore", window.timeToRestore());
        List<Object> trend = new ArrayList<>();
        for (int week = 0; week < weeks; week++) {
            trend.add(perWeek[week].week(from + week * WEEK));
        }
        json.put("weeks", trend);
        return json;
    }

    /** Fixed, as recorded before the window's end, by a patch release deployed within {@code fixWindow}. */
    private boolean fixed(final DeploymentRecord record, final long fixWindow) {
        return record.isFixed(until) && record.fixedAt - record.time <= fixWindow;
    }

    private boolean isFailure(final DeploymentRecord record, final long fixWindow) {
        return !record.isRollback(until) && (!record.succeeded || record.hasFailedChecks(until)
                || record.isRolledBack(until) || fixed(record, fixWindow));
    }

    private int firstAtOrAfter(final long time) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).time < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** When the failure of record {@code index} ended: the first healthy deployment after it started, if any. */
    private long restoredAt(final int index) {
        long start = records.get(index).failureStart(until);
        for (int i = index + 1; i < records.size() && records.get(i).time < until; i++) {
            DeploymentRecord next = records.get(i);
            if (next.time >= start && next.isHealthy(until)) {
                return next.time;
            }
        }
        return ReadModel.NO_TIME;
    }

    /** The median of the values (the mean of the two middle ones for an even count, rounded down), or -1. */
    static long median(final long[] values) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : Math.floorDiv(sorted[middle - 1] + sorted[middle], 2);
    }

    /** Whole seconds of a median in milliseconds; {@code null} when there was none. */
    static Long seconds(final long millis) {
        return millis < 0 ? null : millis / 1000;
    }

    /** Counts over one period. */
    private static final class Figures {
        int successful;
        int failedDeploys;
        int rollbacks;
        int failedChecks;
        int rolledBack;
        int fixed;
        int failures;
        int open;
        int withoutTime;
        final Samples leadTimes = new Samples();
        final Samples restoreTimes = new Samples();

        /** Counts one deployment of the period; {@code restored}: when its failure ended, if it is one. */
        void add(final DeploymentRecord record, final long until, final boolean failure, final boolean fix,
                final long restored) {
            if (record.isRollback(until)) {
                rollbacks++;
                return;
            }
            if (record.succeeded) {
                successful++;
                leadTimes.add(record.leadTimes);
                withoutTime += record.commitsWithoutTime;
            } else {
                failedDeploys++;
            }
            failedChecks += record.hasFailedChecks(until) ? 1 : 0;
            rolledBack += record.isRolledBack(until) ? 1 : 0;
            fixed += fix ? 1 : 0;
            if (failure) {
                failures++;
                if (restored == ReadModel.NO_TIME) {
                    open++;
                } else {
                    restoreTimes.add(new long[] {restored - record.failureStart(until)});
                }
            }
        }

        int deployments() {
            return successful + failedDeploys;
        }

        Double rate() {
            return deployments() == 0 ? null : (double) failures / deployments();
        }

        Map<String, Object> frequency(final int weeks) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deployments", successful);
            json.put("perDay", successful / (weeks * 7.0));
            json.put("perWeek", successful / (double) weeks);
            return json;
        }

        Map<String, Object> leadTime() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("changes", leadTimes.size);
            json.put("changesWithoutTime", withoutTime);
            json.put("medianSeconds", seconds(median(leadTimes.values())));
            return json;
        }

        Map<String, Object> changeFailure() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deployments", deployments());
            json.put("failures", failures);
            json.put("rate", rate());
            json.put("failedDeployments", failedDeploys);
            json.put("failedChecks", failedChecks);
            json.put("rolledBack", rolledBack);
            json.put("fixed", fixed);
            return json;
        }

        Map<String, Object> timeToRestore() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("restored", restoreTimes.size);
            json.put("open", open);
            json.put("medianSeconds", seconds(median(restoreTimes.values())));
            json.put("rollbacks", rollbacks);
            return json;
        }

        Map<String, Object> week(final long start) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from", Instant.ofEpochMilli(start).toString());
            json.put("deployments", successful);
            json.put("leadTimeSeconds", seconds(median(leadTimes.values())));
            json.put("changeFailureRate", rate());
            json.put("failures", failures);
            json.put("timeToRestoreSeconds", seconds(median(restoreTimes.values())));
            return json;
        }
    }

    /** Values gathered from several arrays without copying each one. */
    private static final class Samples {
        private long[] values = new long[16];
        private int size;

        void add(final long[] more) {
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }
    }
}
