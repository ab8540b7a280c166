package io.releaseledger.testing;

/** A test needs a real component that is missing, and the CI switch forbids skipping it. */
public final class RealComponentMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RealComponentMissingException(String message) {
        super(message);
    }
}
