package org.htmlunit.html;

import java.io.IOException;
import org.htmlunit.Page;

public class DomElement extends DomNamespaceNode {
    public String getAttribute(final String attributeName) {
        throw new UnsupportedOperationException("stand-in");
    }

    public DomNodeList<HtmlElement> getElementsByTagName(final String tagName) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <P extends Page> P click() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
