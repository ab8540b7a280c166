package io.releaseledger.descriptor;

/**
 * The environment as the ledger records it: every host runs the recorded release's containers and no others, the
 * load-balancer servers take traffic, the registry tag points at the recorded digest (see {@code docs/drift.md}).
 * Only in {@code smokeChecks}: a health gate runs while a deploy changes the environment.
 */
public final class DriftCheckSpec implements HealthCheckSpec {
    private final CheckOptions options;

    DriftCheckSpec(final CheckOptions options) {
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.DRIFT;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }
}
