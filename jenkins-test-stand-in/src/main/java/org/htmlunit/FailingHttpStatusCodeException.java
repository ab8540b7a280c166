package org.htmlunit;

public class FailingHttpStatusCodeException extends RuntimeException {
    public int getStatusCode() {
        throw new UnsupportedOperationException("stand-in");
    }
}
