package org.htmlunit.html;

public abstract class DomNode {
}
