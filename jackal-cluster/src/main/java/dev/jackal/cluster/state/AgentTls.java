package dev.jackal.cluster.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * The agent's TLS material as PEM bytes (base64 in the state's JSON, as Go writes {@code []byte}): the CA that
 * signs the webhook's certificate, the certificate and its private key.
 */
@JsonPropertyOrder({"ca", "cert", "key"})
public record AgentTls(byte[] ca, byte[] cert, byte[] key) {

    public AgentTls {
        ca = ca == null ? new byte[0] : ca.clone();
        cert = cert == null ? new byte[0] : cert.clone();
        key = key == null ? new byte[0] : key.clone();
    }

    @Override
    public byte[] ca() {
        return ca.clone();
    }

    @Override
    public byte[] cert() {
        return cert.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentTls t
                && Arrays.equals(ca, t.ca)
                && Arrays.equals(cert, t.cert)
                && Arrays.equals(key, t.key);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ca) + Arrays.hashCode(cert)) + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "AgentTls[ca=" + Sanitized.MARK + ", cert=" + Sanitized.MARK + ", key=" + Sanitized.MARK + "]";
    }
}
