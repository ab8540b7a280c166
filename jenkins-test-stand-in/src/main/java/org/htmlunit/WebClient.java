package org.htmlunit;

import java.io.IOException;
import java.io.Serializable;

public class WebClient implements Serializable, AutoCloseable {
    public <P extends Page> P getPage(final WebRequest request) throws IOException,
            FailingHttpStatusCodeException {
        throw new UnsupportedOperationException("stand-in");
    }

    public int waitForBackgroundJavaScript(final long timeoutMillis) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stand-in");
    }
}
