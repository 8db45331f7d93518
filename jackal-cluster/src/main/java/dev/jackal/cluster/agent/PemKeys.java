package dev.jackal.cluster.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The agent's TLS identity from PEM files as Kubernetes TLS secrets hold them ({@code tls.crt}, {@code tls.key}):
 * a certificate chain and an unencrypted RSA or EC key in PKCS#8 ({@code BEGIN PRIVATE KEY}) or an RSA key in
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, which is wrapped into PKCS#8 here). JDK only.
 */
public final class PemKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemKeys() {}

    /** A server SSL context presenting {@code certificate} (the chain, leaf first) with {@code key}. */
    public static SSLContext serverContext(Path certificate, Path key) {
        Certificate[] chain = certificates(certificate);
        PrivateKey privateKey = privateKey(key);
        try {
            char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("agent", privateKey, password, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new AgentException(
                    "cannot use the key " + key + " with the certificate " + certificate + ": " + e.getMessage(), e);
        }
    }

    static Certificate[] certificates(Path file) {
        try {
            var certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(read(file)));
            if (certificates.isEmpty()) {
                throw new AgentException(file + " holds no PEM certificate (BEGIN CERTIFICATE)");
            }
            return certificates.toArray(new Certificate[0]);
        } catch (GeneralSecurityException e) {
            throw new AgentException(file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        Matcher block = BLOCK.matcher(new String(read(file), StandardCharsets.US_ASCII));
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(der, file);
            }
            if (type.equals("RSA PRIVATE KEY")) {
                return pkcs8(wrapRsa(der), file);
            }
        }
        // never quote the file: it is a private key
        throw new AgentException(file + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY or BEGIN RSA"
                + " PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new AgentException(file + " holds a private key that is neither RSA nor EC");
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1}. */
    static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AgentException(file + " does not exist; mount the agent's TLS secret there or name the"
                    + " directory with --cert-dir");
        } catch (IOException e) {
            throw new AgentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
