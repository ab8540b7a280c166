package org.htmlunit.html;

public abstract class DomNode {
    public <N extends DomNode> N querySelector(final String selectors) {
        throw new UnsupportedOperationException("stand-in");
    }
}
