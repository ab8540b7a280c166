package org.htmlunit;

import java.io.Serializable;
import java.net.URL;
import java.util.List;
import org.htmlunit.util.NameValuePair;

public class WebRequest implements Serializable {
    public WebRequest(final URL url, final HttpMethod submitMethod) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setRequestParameters(final List<NameValuePair> requestParameters) throws RuntimeException {
        throw new UnsupportedOperationException("stand-in");
    }
}
