package dev.jackal.cluster.state;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.template.TemplateValue;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The deploy-time values a cluster's state gives every package (spec §1.7B): {@code ###JACKAL_REGISTRY###},
 * {@code ###JACKAL_NODEPORT###}, {@code ###JACKAL_STORAGE_CLASS###}, the registry's {@code HTPASSWD} and
 * {@code REGISTRY_SECRET}, the agent's TLS files, and the git and registry credentials. Every password, hash and key
 * is marked sensitive, so deploy output redacts it.
 */
public final class StateValues {

    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StateValues() {}

    /** The values of {@code state}, keyed by full marker in {@code dialect}'s spelling. */
    public static Map<String, TemplateValue> of(JackalState state, PackageDialect dialect) {
        Map<String, TemplateValue> values = new LinkedHashMap<>();
        String prefix = dialect.markerPrefix();
        RegistryInfo registry = state.registryInfo();
        put(values, prefix, "REGISTRY", registry.address(), false);
        put(values, prefix, "NODEPORT", Integer.toString(registry.nodePort()), false);
        put(values, prefix, "STORAGE_CLASS", state.storageClass() == null ? "" : state.storageClass(), false);
        put(values, prefix, "REGISTRY_AUTH_PUSH", registry.pushPassword(), true);
        put(values, prefix, "REGISTRY_AUTH_PULL", registry.pullPassword(), true);
        put(values, prefix, "REGISTRY_SECRET", registry.secret(), true);
        // one line per user; the values file holds it in a double-quoted YAML string, hence the escaped line break
        put(
                values,
                prefix,
                "HTPASSWD",
                htpasswd(registry.pushUsername(), registry.pushPassword()) + "\\n"
                        + htpasswd(registry.pullUsername(), registry.pullPassword()),
                true);
        GitServerInfo git = state.gitServer();
        if (git != null) {
            put(values, prefix, "GIT_PUSH", git.pushUsername(), false);
            put(values, prefix, "GIT_AUTH_PUSH", git.pushPassword(), true);
            put(values, prefix, "GIT_PULL", git.pullUsername(), false);
            put(values, prefix, "GIT_AUTH_PULL", git.pullPassword(), true);
        }
        AgentTls tls = state.agentTls();
        if (tls != null) {
            put(values, prefix, "AGENT_CA", base64(tls.ca()), false);
            put(values, prefix, "AGENT_CRT", base64(tls.cert()), false);
            put(values, prefix, "AGENT_KEY", base64(tls.key()), true);
        }
        return values;
    }

    /** One htpasswd line with a bcrypt hash, as the registry's {@code htpasswd} auth reads it. */
    static String htpasswd(String user, String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return user + ":" + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, BCRYPT_COST);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void put(
            Map<String, TemplateValue> values, String prefix, String key, String value, boolean secret) {
        values.put(prefix + key + "###", new TemplateValue(value == null ? "" : value, secret, false, false));
    }
}
