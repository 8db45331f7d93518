package dev.jackal.injector.bootstrap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The ConfigMaps that carry the injector into the cluster (spec §7.5 steps 2 and 5): pure builders. */
public final class InjectorConfigMaps {

    private InjectorConfigMaps() {}

    /**
     * {@code rust-binary}: the executable under the key {@code jackal-injector}.
     *
     * @param packageName the init package's name for the package label, or null for none
     */
    public static ConfigMap binary(byte[] executable, String packageName) {
        Objects.requireNonNull(executable, "executable");
        return configMap(InjectorNames.BINARY_CONFIG_MAP, InjectorNames.BINARY_KEY, executable, labels(packageName));
    }

    /** {@code jackal-payload-NNN}: one payload part under its own name, labelled {@code jackal-injector=payload}. */
    public static ConfigMap payload(PayloadChunk chunk, String packageName) {
        Map<String, String> labels = labels(packageName);
        labels.put(InjectorNames.PAYLOAD_LABEL, InjectorNames.PAYLOAD_LABEL_VALUE);
        return configMap(chunk.name(), chunk.name(), chunk.bytes(), labels);
    }

    /** One ConfigMap per payload part, in order. */
    public static List<ConfigMap> payloads(InjectorPayload payload, String packageName) {
        return payload.chunks().stream().map(c -> payload(c, packageName)).toList();
    }

    static Map<String, String> labels(String packageName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(InjectorNames.MANAGED_BY, InjectorNames.JACKAL);
        if (packageName != null) {
            labels.put(InjectorNames.PACKAGE_LABEL, packageName);
        }
        return labels;
    }

    private static ConfigMap configMap(String name, String key, byte[] bytes, Map<String, String> labels) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(InjectorNames.NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .withBinaryData(Map.of(key, Base64.getEncoder().encodeToString(bytes)))
                .build();
    }
}
