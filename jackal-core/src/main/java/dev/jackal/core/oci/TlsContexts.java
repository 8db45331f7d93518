package dev.jackal.core.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS settings of one registry: the JDK's trust store, a given CA, or no verification at all. */
final class TlsContexts {

    private TlsContexts() {}

    static SSLContext forOptions(RegistryOptions options, String registry) {
        try {
            if (options.insecureSkipTlsVerify()) {
                return context(new TrustManager[] {new TrustEverything()});
            }
            if (options.caCertificate().isPresent()) {
                return context(trusting(options.caCertificate().get(), registry));
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new RegistryTlsException(registry, "cannot set up TLS for " + registry + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, new SecureRandom());
        return context;
    }

    private static TrustManager[] trusting(Path pem, String registry) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(pem)) {
            store.load(null, null);
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new RegistryTlsException(registry, "the CA file " + pem + " holds no certificate", null);
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        } catch (IOException e) {
            throw new RegistryTlsException(
                    registry, "cannot read the CA certificate " + pem + " for " + registry + ": " + e.getMessage(), e);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Accepts every certificate and host name: only for {@code --insecure-skip-tls-verify}. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
