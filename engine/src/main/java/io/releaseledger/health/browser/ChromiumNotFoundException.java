package io.releaseledger.health.browser;

import io.releaseledger.ReleaseLedgerException;

/** Chromium or chromedriver is not on this machine; the message says how to get them. */
public final class ChromiumNotFoundException extends ReleaseLedgerException {
    /** What every message starts with. */
    public static final String NEEDS = "the browser check needs Chromium and chromedriver on this machine (agent): "
            + "install Debian's chromium and chromium-driver or set "
            + ChromiumInstallation.CHROMIUM_VARIABLE + "/" + ChromiumInstallation.CHROMEDRIVER_VARIABLE;

    private static final long serialVersionUID = 1L;

    ChromiumNotFoundException(final String reason) {
        super(NEEDS + " (" + reason + ")");
    }
}
