package io.releaseledger.docker.javaclient;

import com.github.dockerjava.core.util.CertificateUtils;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.TlsPem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context of a {@link DockerHost} from its PEM texts, in memory: read from its files, or the
 * {@link TlsPem} it carries (a Jenkins credential's, never written to disk). The certificates are read by the JDK:
 * docker-java's {@code CertificateUtils} reads them through the BouncyCastle provider "BC", which only its
 * {@code LocalDirectorySSLConfig} registers, JVM-wide; the key (PKCS#1, PKCS#8 or EC) is read by
 * {@code CertificateUtils}, which needs no provider.
 */
final class TlsContexts {
    private static final char[] KEY_PASSWORD = "release-ledger".toCharArray(); // of the in-memory key store only

    private TlsContexts() {
    }

    static SSLContext of(final DockerHost host) {
        TlsPem pem = host.getTlsPem().orElseGet(() -> fromFiles(host));
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(pem.getKey(), pem.getCertificate()), KEY_PASSWORD);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate authority : certificates(pem.getCa())) {
                trusted.setCertificateEntry("ca-" + index++, authority);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? "" : ": " + pem.withoutKey(e.getMessage());
            String message = "connecting to Docker host " + host + ": cannot use the TLS " + pem.getOrigin() + " ("
                    + e.getClass().getSimpleName() + detail + "). They must be PEM: the CA that signed the engine's "
                    + "certificate, the client certificate and its unencrypted private key";
            // a parser's own message may quote the key: an in-memory key's cause is left out, its message masked
            throw host.getTlsPem().isPresent() ? new ContainerEngineException(message)
                    : new ContainerEngineException(message, e);
        }
    }

    /** The texts of the host's files; what they are read from names the files. */
    private static TlsPem fromFiles(final DockerHost host) {
        Path ca = host.getCaCertificate().orElseThrow();
        Path cert = host.getClientCertificate().orElseThrow();
        Path key = host.getClientKey().orElseThrow();
        return new TlsPem("files " + ca + ", " + cert + " and " + key, read(host, ca, "CA certificate"),
                read(host, cert, "client certificate"), read(host, key, "client key"));
    }

    private static KeyStore keyStore(final String keyPem, final String certPem) throws GeneralSecurityException,
            IOException {
        PrivateKey key = CertificateUtils.loadPrivateKey(keyPem);
        if (key == null) {
            throw new GeneralSecurityException("no private key found in the key file");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("client", key, KEY_PASSWORD, certificates(certPem).toArray(new Certificate[0]));
        return store;
    }

    private static Collection<? extends Certificate> certificates(final String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        return certificates;
    }

    private static String read(final DockerHost host, final Path file, final String what) {
        if (!Files.isRegularFile(file)) {
            throw new ContainerEngineException("connecting to Docker host " + host + ": the " + what + " " + file
                    + " does not exist. Put ca.pem, cert.pem and key.pem there (as for DOCKER_CERT_PATH) or fix the path");
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ContainerEngineException("connecting to Docker host " + host + ": cannot read the " + what + " "
                    + file + " (" + e.getMessage() + "); check its permissions", e);
        }
    }
}
