package io.releaseledger.docker;

import java.util.Objects;

/**
 * A Docker host's TLS client material as PEM text, held in memory only: the CA that signed the engine's certificate,
 * the client certificate and its unencrypted private key, as a Jenkins credential gives them. Messages name it by its
 * origin (such as {@code credentials 'app2-tls'}); {@link #toString()} is that origin, never a PEM text.
 */
public final class TlsPem {
    private static final int MIN_MASKED_LINE = 8; // shorter lines (a blank, "==") would mask ordinary words

    private final String origin;
    private final String ca;
    private final String certificate;
    private final String key;

    /**
     * @param origin      where the texts come from, safe for messages, such as {@code credentials 'app2-tls'}
     * @param ca          the CA certificate(s) that signed the engine's certificate
     * @param certificate the client certificate
     * @param key         the client's private key (PKCS#1, PKCS#8 or EC), unencrypted
     */
    public TlsPem(final String origin, final String ca, final String certificate, final String key) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.ca = Objects.requireNonNull(ca, "ca");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.key = Objects.requireNonNull(key, "key");
    }

    public String getOrigin() {
        return origin;
    }

    public String getCa() {
        return ca;
    }

    public String getCertificate() {
        return certificate;
    }

    public String getKey() {
        return key;
    }

    /** {@code text} with every line of the key replaced by {@code ****}: a parser's message may quote what it read. */
    public String withoutKey(final String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String line : key.split("\\R")) {
            if (line.strip().length() >= MIN_MASKED_LINE) {
                masked = masked.replace(line.strip(), "****");
            }
        }
        return masked;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TlsPem that && origin.equals(that.origin) && ca.equals(that.ca)
                && certificate.equals(that.certificate) && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, ca, certificate, key);
    }

    @Override
    public String toString() {
        return origin;
    }
}
