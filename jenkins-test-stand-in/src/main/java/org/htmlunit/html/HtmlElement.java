package org.htmlunit.html;

import java.io.IOException;

public abstract class HtmlElement extends DomElement {
    public void type(final String text) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
