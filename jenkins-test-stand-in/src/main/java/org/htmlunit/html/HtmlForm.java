package org.htmlunit.html;

public class HtmlForm extends HtmlElement {
    public final String getActionAttribute() {
        throw new UnsupportedOperationException("stand-in");
    }
}
