package dev.jackal.cluster.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code private-registry} pull secret in each namespace a package's charts and manifests use (spec §6.8 step 3):
 * type {@code kubernetes.io/dockerconfigjson} with the registry's pull credentials, labelled as jackal's. It is
 * created when missing and replaced when its data or type differ, once per namespace and deploy. Pods get it from
 * the agent, which adds {@code imagePullSecrets: private-registry} when it rewrites their images.
 */
public final class PullSecrets {

    public static final String NAME = "private-registry";
    public static final String TYPE = "kubernetes.io/dockerconfigjson";
    public static final String KEY = ".dockerconfigjson";

    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String JACKAL = "jackal";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final RegistryTarget target;
    private final Set<String> done = new HashSet<>();

    public PullSecrets(KubernetesClient client, RegistryTarget target) {
        this.client = client;
        this.target = target;
    }

    /** The pure object for {@code namespace}. */
    public static Secret secret(String namespace, RegistryTarget target) {
        String auth = Base64.getEncoder()
                .encodeToString((target.pullUsername() + ":" + target.pullPassword()).getBytes(StandardCharsets.UTF_8));
        ObjectNode config = JSON.createObjectNode();
        config.putObject("auths").putObject(target.address()).put("auth", auth);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .addToLabels(MANAGED_BY, JACKAL)
                .endMetadata()
                .withType(TYPE)
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(json)))
                .build();
    }

    /** Creates or repairs the pull secret in {@code namespace} (once per instance). */
    public void ensure(String namespace) {
        if (!done.add(namespace)) {
            return;
        }
        Secret wanted = secret(namespace, target);
        try {
            Secret live = client.secrets().inNamespace(namespace).withName(NAME).get();
            if (live == null) {
                client.secrets().inNamespace(namespace).resource(wanted).create();
                return;
            }
            if (!Objects.equals(live.getType(), TYPE)) {
                // the type of a secret cannot change in place
                client.secrets().inNamespace(namespace).withName(NAME).delete();
                client.secrets().inNamespace(namespace).resource(wanted).create();
            } else if (!Objects.equals(live.getData(), wanted.getData())
                    || live.getMetadata().getLabels() == null
                    || !JACKAL.equals(live.getMetadata().getLabels().get(MANAGED_BY))) {
                client.secrets().inNamespace(namespace).resource(wanted).update();
            }
        } catch (KubernetesClientException e) {
            done.remove(namespace);
            throw new PushException(
                    "cannot write the pull secret " + namespace + "/" + NAME + ": " + e.getMessage(), e);
        }
    }
}
