package io.releaseledger.descriptor;

/** How the instances of an environment are replaced. */
public final class StrategySpec {
    /** {@code recreate}: stop, then start (a brief outage); {@code rolling}: batch after batch. */
    public enum Type { RECREATE, ROLLING }

    private final Type type;
    private final int batchSize;
    private final boolean canary;
    private final int maxUnavailable;

    StrategySpec(final Type type, final int batchSize, final boolean canary) {
        this(type, batchSize, canary, type == Type.RECREATE ? Integer.MAX_VALUE : batchSize);
    }

    StrategySpec(final Type type, final int batchSize, final boolean canary, final int maxUnavailable) {
        this.type = type;
        this.batchSize = batchSize;
        this.canary = canary;
        this.maxUnavailable = maxUnavailable;
    }

    public Type getType() {
        return type;
    }

    /** Instances replaced together in a rolling deploy. 1 for {@code recreate}. */
    public int getBatchSize() {
        return batchSize;
    }

    /** Whether the first batch of a rolling deploy is one instance that must pass before the others follow. */
    public boolean isCanary() {
        return canary;
    }

    /**
     * Servers of the backend that may be out of service at once while a batch is replaced (drained, or failing the
     * load balancer's check): a rolling deploy stops instead of draining past it. Default the batch size; unbounded
     * for {@code recreate}, which takes every instance out.
     */
    public int getMaxUnavailable() {
        return maxUnavailable;
    }

    @Override
    public String toString() {
        return type == Type.RECREATE ? "recreate"
                : "rolling (batches of " + batchSize + (canary ? ", canary first)" : ")");
    }
}
