package org.htmlunit;

import org.htmlunit.html.DomNode;

public abstract class SgmlPage extends DomNode implements Page {
    @Override
    public WebResponse getWebResponse() {
        throw new UnsupportedOperationException("stand-in");
    }
}
