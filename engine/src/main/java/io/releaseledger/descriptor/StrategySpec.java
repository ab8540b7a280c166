package io.releaseledger.descriptor;

/** How the instances of an environment are replaced. */
public final class StrategySpec {
    /** {@code recreate}: stop, then start (a brief outage); {@code rolling}: batch after batch. */
    public enum Type { RECREATE, ROLLING }

    private final Type type;
    private final int batchSize;
    private final boolean canary;

    StrategySpec(final Type type, final int batchSize, final boolean canary) {
        this.type = type;
        this.batchSize = batchSize;
        this.canary = canary;
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

    @Override
    public String toString() {
        return type == Type.RECREATE ? "recreate"
                : "rolling (batches of " + batchSize + (canary ? ", canary first)" : ")");
    }
}
