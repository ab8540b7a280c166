package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deploys, promotions and rollbacks running on this controller, so that {@link DeployRestartListener} can hold
 * a restart back while one is between its plan and its end (servers may be out of the load balancer). Jenkins-free.
 */
final class ActiveDeployments {
    private static final ActiveDeployments INSTANCE = new ActiveDeployments();

    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

    static ActiveDeployments get() {
        return INSTANCE;
    }

    /** Registers an execution; close the entry when it ends, whatever happens. */
    Entry open(final String description) {
        Entry entry = new Entry(description);
        entries.add(entry);
        return entry;
    }

    /** Whether an execution has planned and not ended: a restart now could leave an environment half-deployed. */
    boolean isBusy() {
        return entries.stream().anyMatch(Entry::isPlanned);
    }

    /** What holds a restart back, for the log of the restart listener. */
    List<String> describeBusy() {
        List<String> busy = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.isPlanned()) {
                busy.add(entry.description);
            }
        }
        return busy;
    }

    /** One execution in progress. */
    final class Entry implements AutoCloseable {
        private final String description;
        private volatile boolean planned;

        private Entry(final String description) {
            this.description = description;
        }

        /** The plan exists: from now until {@link #close()} the execution blocks a restart. */
        void planned() {
            planned = true;
        }

        boolean isPlanned() {
            return planned;
        }

        @Override
        public void close() {
            entries.remove(this);
        }
    }
}
