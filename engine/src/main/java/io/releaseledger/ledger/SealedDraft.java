package io.releaseledger.ledger;

/**
 * An event sealed by {@link Ledger#seal} and not yet recorded: {@link Ledger#append(SealedDraft)} records it, dropping
 * it records nothing. Holds the line's bytes (megabytes for a release of many commits) until then.
 */
public final class SealedDraft {
    private final Ledger ledger;
    private final Journal.Sealed sealed;

    SealedDraft(final Ledger ledger, final Journal.Sealed sealed) {
        this.ledger = ledger;
        this.sealed = sealed;
    }

    Ledger getLedger() {
        return ledger;
    }

    Journal.Sealed getSealed() {
        return sealed;
    }
}
