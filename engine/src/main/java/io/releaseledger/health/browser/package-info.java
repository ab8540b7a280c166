/** The browser check: a small W3C WebDriver client for Debian's chromium and chromedriver. */
package io.releaseledger.health.browser;
