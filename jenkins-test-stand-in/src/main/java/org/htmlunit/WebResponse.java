package org.htmlunit;

import java.io.Serializable;

public class WebResponse implements Serializable {
    public int getStatusCode() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getContentType() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getContentAsString() {
        throw new UnsupportedOperationException("stand-in");
    }
}
