package io.releaseledger.descriptor;

/** What a release must have achieved in the environment it is promoted from. */
public enum PromotionRequirement {
    /** Deployed there successfully (and not marked bad). */
    DEPLOYED("deployed"),
    /** Passed the checks recorded there. */
    CHECKS_PASSED("checksPassed");

    private final String key;

    PromotionRequirement(final String key) {
        this.key = key;
    }

    /** The word used in the descriptor. */
    public String getKey() {
        return key;
    }
}
