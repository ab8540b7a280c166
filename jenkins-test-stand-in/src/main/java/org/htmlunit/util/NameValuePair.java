package org.htmlunit.util;

import java.io.Serializable;

public class NameValuePair implements Serializable {
    public NameValuePair(final String name, final String value) {
        throw new UnsupportedOperationException("stand-in");
    }
}
