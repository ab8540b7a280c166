package io.releaseledger.health;

/** Fills {@code {address}} and {@code {port}} of check URLs and addresses with a target's values. */
final class Placeholders {
    private Placeholders() {
    }

    /** {@code address} fit for a URL's authority: an IPv6 address gets its brackets. */
    static String urlHost(final String address) {
        return address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    static String hostPort(final String address, final int port) {
        return urlHost(address) + ":" + port;
    }

    /** The template with {@code {address}} (bracketed when IPv6) and {@code {port}} replaced. */
    static String fill(final String template, final CheckTarget target) {
        return template.replace("{address}", urlHost(target.getAddress()))
                .replace("{port}", Integer.toString(target.getPort()));
    }
}
