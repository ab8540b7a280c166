package io.releaseledger.json;

import io.releaseledger.ReleaseLedgerException;

/** Invalid JSON text, or a value that cannot be written as JSON. The message says where and why. */
public final class JsonException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public JsonException(final String message) {
        super(message);
    }
}
