package io.releaseledger.version;

import io.releaseledger.ReleaseLedgerException;

/** A tag prefix that git cannot use as the start of a tag name, or that would make tags ambiguous. */
public final class InvalidTagPrefixException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    InvalidTagPrefixException(final String prefix, final String rule) {
        super(String.format("invalid tag prefix '%s': %s", prefix, rule));
    }
}
