package dev.jackal.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A throw-away certificate authority for test services, made with the real {@code openssl}. */
public final class TestPki {

    /**
     * A key pair and certificate on disk (PEM), plus a PKCS#12 copy for Java, written when {@link #sslContext}
     * first needs it (most certificates only go to Go programs, and openssl is slow on a busy machine).
     */
    public record Issued(Path certificate, Path key, Path pkcs12, char[] pkcs12Password) {}

    private final Path dir;
    private final Path openssl;
    private final Path caCert;
    private final Path caKey;

    private TestPki(Path dir, Path openssl, Path caCert, Path caKey) {
        this.dir = dir;
        this.openssl = openssl;
        this.caCert = caCert;
        this.caKey = caKey;
    }

    /** Creates a new CA named {@code commonName} in {@code dir}. */
    public static TestPki create(Path dir, String commonName) {
        Path openssl = TestTools.onPath("pki", "openssl");
        Path cert = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exec.run(List.of(
                        openssl.toString(),
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "30",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-subj",
                        "/CN=" + commonName,
                        "-addext",
                        "basicConstraints=critical,CA:TRUE",
                        "-addext",
                        "keyUsage=critical,keyCertSign,cRLSign"))
                .requireSuccess();
        return new TestPki(dir, openssl, cert, key);
    }

    public Path caCertificate() {
        return caCert;
    }

    public Path caKey() {
        return caKey;
    }

    /** A server certificate for 127.0.0.1 and localhost plus {@code extraSans} (e.g. {@code DNS:kubernetes}). */
    public Issued server(String name, String... extraSans) {
        List<String> sans = new ArrayList<>(List.of("IP:127.0.0.1", "DNS:localhost"));
        sans.addAll(List.of(extraSans));
        return issue(
                name, "/CN=" + name, "subjectAltName=" + String.join(",", sans) + "\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate; {@code organization} becomes the Kubernetes group when not null. */
    public Issued client(String name, String commonName, String organization) {
        String subject = "/CN=" + commonName + (organization == null ? "" : "/O=" + organization);
        return issue(name, subject, "extendedKeyUsage=clientAuth\n");
    }

    /** An SSL context that trusts this CA and, when {@code client} is given, presents it. */
    public SSLContext sslContext(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(caCert)) {
                trust.setCertificateEntry("ca", (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                writePkcs12(client);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(client.pkcs12())) {
                    keys.load(in, client.pkcs12Password());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, client.pkcs12Password());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new TestServiceException("pki", "cannot build an SSL context: " + e.getMessage(), e);
        }
    }

    private Issued issue(String name, String subject, String extensions) {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        Path p12 = dir.resolve(name + ".p12");
        char[] password = "changeit".toCharArray();
        try {
            Files.writeString(ext, extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String o = openssl.toString();
        Exec.run(List.of(
                        o,
                        "req",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        csr.toString(),
                        "-subj",
                        subject))
                .requireSuccess();
        Exec.run(List.of(
                        o,
                        "x509",
                        "-req",
                        "-in",
                        csr.toString(),
                        "-CA",
                        caCert.toString(),
                        "-CAkey",
                        caKey.toString(),
                        "-CAcreateserial",
                        "-days",
                        "30",
                        "-out",
                        cert.toString(),
                        "-extfile",
                        ext.toString()))
                .requireSuccess();
        return new Issued(cert, key, p12, password);
    }

    private synchronized void writePkcs12(Issued issued) {
        if (Files.isRegularFile(issued.pkcs12())) {
            return;
        }
        Exec.run(List.of(
                        openssl.toString(),
                        "pkcs12",
                        "-export",
                        "-in",
                        issued.certificate().toString(),
                        "-inkey",
                        issued.key().toString(),
                        "-certfile",
                        caCert.toString(),
                        "-out",
                        issued.pkcs12().toString(),
                        "-passout",
                        "pass:" + new String(issued.pkcs12Password())))
                .requireSuccess();
    }
}
