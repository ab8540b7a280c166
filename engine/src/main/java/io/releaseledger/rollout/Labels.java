package io.releaseledger.rollout;

/** The labels Release Ledger puts on every container it creates, so what runs can be found and compared. */
public final class Labels {
    public static final String APPLICATION = "io.releaseledger.application";
    public static final String ENVIRONMENT = "io.releaseledger.environment";
    public static final String VERSION = "io.releaseledger.version";
    public static final String DIGEST = "io.releaseledger.digest";
    public static final String BUILD = "io.releaseledger.build";
    public static final String DEPLOYMENT = "io.releaseledger.deployment";

    private Labels() {
    }
}
