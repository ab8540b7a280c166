package org.htmlunit.html;

public class DomElement extends DomNamespaceNode {
    public String getAttribute(final String attributeName) {
        throw new UnsupportedOperationException("stand-in");
    }

    public DomNodeList<HtmlElement> getElementsByTagName(final String tagName) {
        throw new UnsupportedOperationException("stand-in");
    }
}
