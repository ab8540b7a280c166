package io.releaseledger.descriptor;

/**
 * The TLS client certificate for a {@code tcp://} Docker host: either three file paths on the machine that deploys
 * (the CLI, or the Jenkins agent) or the id of a Jenkins "Docker Server Certificate Authentication" credential.
 * Never the key itself.
 */
public final class DockerTlsSpec {
    private final String caPath;
    private final String certPath;
    private final String keyPath;
    private final String credentialsId;

    DockerTlsSpec(final String caPath, final String certPath, final String keyPath, final String credentialsId) {
        this.caPath = caPath;
        this.certPath = certPath;
        this.keyPath = keyPath;
        this.credentialsId = credentialsId;
    }

    /** Path of the CA certificate that signed the daemon's certificate, or {@code null} with a credentials id. */
    public String getCaPath() {
        return caPath;
    }

    /** Path of the client certificate, or {@code null} with a credentials id. */
    public String getCertPath() {
        return certPath;
    }

    /** Path of the client key, or {@code null} with a credentials id. */
    public String getKeyPath() {
        return keyPath;
    }

    /** Jenkins credentials id holding CA, certificate and key, or {@code null} with paths. */
    public String getCredentialsId() {
        return credentialsId;
    }

    public boolean isCredentials() {
        return credentialsId != null;
    }
}
