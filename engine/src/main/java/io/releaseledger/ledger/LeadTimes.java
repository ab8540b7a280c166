package io.releaseledger.ledger;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which commits each deployment brought to its environment first, and how long after their commit (docs/metrics.md):
 * a succeeded change of version V brings the commits V's {@code version.tagged} carried, and those of the releases
 * it was counted from ({@code previousVersion}, then theirs) back to the first one already brought there. Commit
 * times come from the read model's releases, the chain from its history columns.
 */
final class LeadTimes {
    private final ReadModel model;
    private final int tagged;

    LeadTimes(final ReadModel model) {
        this.model = model;
        this.tagged = model.strings.find(EventTypes.VERSION_TAGGED);
    }

    /** Fills {@link DeploymentRecord#leadTimes} of the environment's deployments, oldest first. */
    void fill(final List<DeploymentRecord> records) {
        Set<String> brought = new HashSet<>();
        long[] buffer = new long[16];
        for (DeploymentRecord record : records) {
            if (!record.isChange() || !record.succeeded) {
                continue;
            }
            int count = 0;
            String version = record.version;
            while (version != null && brought.add(version)) {
                ReadModel.Release release = model.releases.get(version);
                if (release == null) {
                    break;
                }
                for (int c = 0; c < release.commitIds.length; c++) {
                    long time = c < release.commitTimes.length ? release.commitTimes[c] : ReadModel.NO_TIME;
                    if (time == ReadModel.NO_TIME) {
                        record.commitsWithoutTime++;
                        continue;
                    }
                    if (count == buffer.length) {
                        buffer = Arrays.copyOf(buffer, count * 2);
                    }
                    buffer[count++] = Math.max(0, record.time - time);
                }
                version = previousVersion(version);
            }
            record.leadTimes = count == 0 ? CommitTimes.NONE : Arrays.copyOf(buffer, count);
        }
    }

    /** The {@code previousVersion} of the version's first {@code version.tagged}, from the history columns. */
    private String previousVersion(final String version) {
        IntList rows = model.byRelease.get(model.strings.find(version));
        if (rows == null || tagged < 0) {
            return null;
        }
        EventColumns columns = model.columns;
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            if (columns.type[row] == tagged && columns.version[row] == model.strings.find(version)) {
                return model.strings.get(columns.from[row]);
            }
        }
        return null;
    }
}
