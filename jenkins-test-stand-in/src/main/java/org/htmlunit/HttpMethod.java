package org.htmlunit;

public enum HttpMethod {
    OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, PATCH
}
