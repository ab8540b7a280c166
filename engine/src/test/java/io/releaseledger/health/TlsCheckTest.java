package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS of the http check against an HTTPS server whose self-signed certificate keytool makes at runtime. */
class TlsCheckTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path directory;

    private static HttpsServer server;
    private static Path caFile;

    @BeforeAll
    static void startAnHttpsServerWithASelfSignedCertificate() throws Exception {
        Path keystore = directory.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=release-ledger-test", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        caFile = directory.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "secure hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldRefuseASelfSignedCertificateByDefault() {
        CheckResult result = check().run(target());

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).contains("TLS failed");
    }

    @Test
    void shouldAcceptTheCertificateWithItsCaFile() {
        CheckResult result = check().setCaFile(caFile).setBodyContains("secure hello").run(target());

        assertThat(result.isPassed()).as(result.getDetail()).isTrue();
    }

    @Test
    void shouldAcceptAnyCertificateWhenVerificationIsOff() {
        assertThat(check().setVerifyTls(false).run(target()).isPassed()).isTrue();
    }

    @Test
    void shouldBuildTheSharedJdkClientWhenAnHttpsCheckIsHandedItAndUseIt() {
        HttpClients clients = new HttpClients(1);
        HttpCheck check = check().setCaFile(caFile).setBodyContains("secure hello").shareClient(clients);

        assertThat(clients.size()).as("built with the checks, not inside the first attempt").isEqualTo(1);
        CheckResult first = check.run(target());
        CheckResult second = check().setCaFile(caFile).shareClient(clients).run(target());

        assertThat(first.isPassed()).as(first.getDetail()).isTrue();
        assertThat(second.isPassed()).as(second.getDetail()).isTrue();
        assertThat(clients.size()).as("the same settings share the client").isEqualTo(1);
    }

    private static HttpCheck check() {
        return new HttpCheck("https://{address}:{port}/").setTimeout(Duration.ofSeconds(5));
    }

    private static CheckTarget target() {
        return new CheckTarget("127.0.0.1", server.getAddress().getPort(), null, null);
    }

    private static void keytool(final String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
