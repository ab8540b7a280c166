package io.releaseledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS client files for tests, made with Debian's {@code openssl}: the TLS engine's own ({@link Component#DOCKER_TLS}),
 * copied where a test may change them, and a client of a CA that the engine does not know.
 */
public final class TestCertificates {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private TestCertificates() {
    }

    /** Copies the TLS engine's {@code ca.pem}, {@code cert.pem} and {@code key.pem} into {@code directory}. */
    public static Path engineClient(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
                Files.copy(Component.dockerTlsClientDirectory().resolve(file), directory.resolve(file));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the TLS engine's client files to " + directory, e);
        }
    }

    /**
     * Writes to {@code directory} the TLS engine's {@code ca.pem} (so the engine is trusted) with a {@code cert.pem}
     * and {@code key.pem} signed by a CA of their own, which the engine refuses.
     */
    public static Path strangerClient(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.copy(Component.dockerTlsClientDirectory().resolve("ca.pem"), directory.resolve("ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        openssl(directory, "req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-sha256", "-days", "2",
                "-subj", "/CN=stranger CA", "-keyout", "stranger-ca-key.pem", "-out", "stranger-ca.pem");
        openssl(directory, "req", "-new", "-nodes", "-newkey", "rsa:2048", "-subj", "/CN=stranger",
                "-keyout", "key.pem", "-out", "client.csr");
        try {
            Files.writeString(directory.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        openssl(directory, "x509", "-req", "-sha256", "-days", "2", "-in", "client.csr", "-CA", "stranger-ca.pem",
                "-CAkey", "stranger-ca-key.pem", "-CAcreateserial", "-extfile", "client.ext", "-out", "cert.pem");
        return directory;
    }

    private static void openssl(Path directory, String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Exec.check(directory, TIMEOUT, command);
    }
}
