package io.releaseledger.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of {@link Ledger#lock}: acquired with a new lock id, or refused with the holder's lock. */
public final class LockResult {
    private final String lockId;
    private final Map<String, Object> heldBy;

    private LockResult(final String lockId, final Map<String, Object> heldBy) {
        this.lockId = lockId;
        this.heldBy = heldBy;
    }

    static LockResult acquired(final String lockId) {
        return new LockResult(lockId, null);
    }

    static LockResult refused(final Map<String, Object> heldBy) {
        return new LockResult(null, Collections.unmodifiableMap(new LinkedHashMap<>(heldBy)));
    }

    public boolean isAcquired() {
        return lockId != null;
    }

    /** The id to pass to {@link Ledger#unlock}; {@code null} when refused. */
    public String getLockId() {
        return lockId;
    }

    /**
     * The lock that is held, as in {@code api/state}: {@code {"version", "since", "by", "build", "purpose"}};
     * {@code null} when acquired.
     */
    public Map<String, Object> getHeldBy() {
        return heldBy;
    }

    @Override
    public String toString() {
        return isAcquired() ? "acquired " + lockId : "held by " + heldBy;
    }
}
