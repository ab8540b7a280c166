package io.releaseledger.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS for checks: the system's CAs plus a custom CA file, or (when asked) no verification at all. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** The context of a CA file, reused while the file is unchanged (so checks of the same file share a client). */
    private static final Map<String, SSLContext> BY_CA_FILE = new ConcurrentHashMap<>();

    /** Trusts the JDK's CAs and every certificate in {@code caFile} (PEM or DER); host names are verified. */
    static SSLContext withCa(final Path caFile) {
        String key;
        try {
            key = caFile.toAbsolutePath().normalize() + "|" + Files.getLastModifiedTime(caFile).toMillis() + "|"
                    + Files.size(caFile);
        } catch (IOException e) {
            return read(caFile); // reports the file it cannot read
        }
        SSLContext cached = BY_CA_FILE.get(key);
        if (cached != null) {
            return cached;
        }
        SSLContext context = read(caFile);
        if (BY_CA_FILE.size() > 64) {
            BY_CA_FILE.clear(); // files that changed again and again: no unbounded growth
        }
        SSLContext prior = BY_CA_FILE.putIfAbsent(key, context);
        return prior == null ? context : prior;
    }

    private static SSLContext read(final Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int n = 0;
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    for (X509Certificate issuer : ((X509TrustManager) manager).getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, issuer);
                    }
                }
            }
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("CA file " + caFile + " holds no certificate");
            }
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("custom-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Accepts any certificate for any host: only for {@code tls: {verify: false}}. One context, reused. */
    static SSLContext trustingEverything() {
        return TrustingEverything.CONTEXT;
    }

    private static final class TrustingEverything {
        static final SSLContext CONTEXT = build();

        private TrustingEverything() {
        }
    }

    private static SSLContext build() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An extended manager, so the JDK does not add its own host name check around it. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String type, final Socket socket) {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String type, final Socket socket) {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String type, final SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String type, final SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String type) {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String type) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
