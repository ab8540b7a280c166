package org.htmlunit.html;

import java.util.List;
import org.htmlunit.SgmlPage;

public class HtmlPage extends SgmlPage {
    public DomElement getElementById(final String elementId) {
        throw new UnsupportedOperationException("stand-in");
    }

    public List<HtmlForm> getForms() {
        throw new UnsupportedOperationException("stand-in");
    }
}
