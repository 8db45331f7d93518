package dev.jackal.cluster.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's CA and webhook certificate, read back with the JDK's own X.509 code. */
class AgentPkiTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final AgentTls TLS = AgentPki.generate(NOW);

    @Test
    void theLeafIsSignedByTheCa() throws Exception {
        X509Certificate ca = cert(TLS.ca());
        X509Certificate leaf = cert(TLS.cert());
        leaf.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        X509Certificate other = cert(AgentPki.generate(NOW).ca());
        assertThrows(SignatureException.class, () -> leaf.verify(other.getPublicKey()));
    }

    @Test
    void theCaIsAnRsa2048CaForJackal() throws Exception {
        X509Certificate ca = cert(TLS.ca());
        assertEquals(
                "CN=ca.private.jackal.dev, O=Jackal Community",
                ca.getSubjectX500Principal().getName("RFC1779"));
        assertEquals(2048, ((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength());
        assertTrue(ca.getBasicConstraints() >= 0, "is a CA");
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertTrue(usage[5], "keyCertSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), ca.getExtendedKeyUsage());
        assertEquals(
                Duration.ofDays(375),
                Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
        assertEquals(NOW, ca.getNotBefore().toInstant());
    }

    @Test
    void theLeafServesTheAgentHost() throws Exception {
        X509Certificate leaf = cert(TLS.cert());
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertEquals(List.of(List.of(2, "agent-hook.jackal.svc")), List.copyOf(leaf.getSubjectAlternativeNames()));
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=agent-hook.jackal.svc"));
        boolean[] usage = leaf.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertTrue(usage[2], "keyEncipherment");
        assertTrue(!usage[5], "no keyCertSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(2048, ((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());
    }

    @Test
    void theKeyIsPkcs8AndBelongsToTheLeaf() throws Exception {
        String pem = new String(TLS.key(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem.substring(0, 30));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(cert(TLS.cert()).getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertTrue(verify.verify(signature));
    }

    @Test
    void everyRunMakesNewKeys() {
        AgentTls again = AgentPki.generate(NOW);
        assertTrue(!new String(again.key(), StandardCharsets.US_ASCII)
                .equals(new String(TLS.key(), StandardCharsets.US_ASCII)));
        assertArrayEquals(TLS.ca(), TLS.ca(), "accessors return the same bytes");
    }

    static X509Certificate cert(byte[] pem) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
