package org.htmlunit.html;

public abstract class HtmlElement extends DomElement {
}
