package io.releaseledger.docker.javaclient;

import com.github.dockerjava.core.util.CertificateUtils;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of a {@link DockerHost} from its PEM files: the CA, the client certificate and its key. */
final class TlsContexts {
    private static final char[] KEY_PASSWORD = "docker".toCharArray(); // what CertificateUtils protects the key with

    private TlsContexts() {
    }

    static SSLContext of(final DockerHost host) {
        Path ca = host.getCaCertificate().orElseThrow();
        Path cert = host.getClientCertificate().orElseThrow();
        Path key = host.getClientKey().orElseThrow();
        String caPem = read(host, ca, "CA certificate");
        String certPem = read(host, cert, "client certificate");
        String keyPem = read(host, key, "client key");
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(CertificateUtils.createKeyStore(keyPem, certPem), KEY_PASSWORD);
            KeyStore trusted = CertificateUtils.createTrustStore(caPem);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new ContainerEngineException("connecting to Docker host " + host + ": cannot use the TLS files "
                    + ca + ", " + cert + " and " + key + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). They must be PEM: the CA that "
                    + "signed the engine's certificate, the client certificate and its unencrypted private key", e);
        }
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
