package org.htmlunit.html;

public abstract class DomNamespaceNode extends DomNode {
}
