package dev.jackal.injector.bootstrap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The injector pod (spec §7.5 step 6, with U's restricted security context): an image already on the node runs
 * the injector executable from the {@code rust-binary} ConfigMap with the payload parts mounted beside it, pinned
 * to that node and never restarted. A pure builder.
 */
public final class InjectorPod {

    /** What the pod asks for; candidate nodes must have this much left (spec §7.5 step 1). */
    public static final Quantity CPU_REQUEST = new Quantity("500m");

    public static final Quantity MEMORY_REQUEST = new Quantity("64Mi");
    static final Quantity CPU_LIMIT = new Quantity("1");
    static final Quantity MEMORY_LIMIT = new Quantity("256Mi");

    private static final String BIND = "0.0.0.0:" + InjectorNames.PORT;

    private InjectorPod() {}

    /**
     * @param image the candidate image, already on {@code nodeName}
     * @param nodeName the node the pod is pinned to
     * @param packageName the init package's name for the package label, or null for none
     */
    public static Pod pod(String image, String nodeName, InjectorPayload payload, String packageName) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(nodeName, "nodeName");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", InjectorNames.APP);
        labels.put(InjectorNames.AGENT_LABEL, "ignore");
        labels.putAll(InjectorConfigMaps.labels(packageName));
        return new PodBuilder()
                .withNewMetadata()
                .withName(InjectorNames.POD)
                .withNamespace(InjectorNames.NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .withRestartPolicy("Never")
                .withTerminationGracePeriodSeconds(1L)
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsUser(1000L)
                .withRunAsGroup(2000L)
                .withFsGroup(2000L)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(image, payload))
                .withVolumes(volumes(payload))
                .endSpec()
                .build();
    }

    private static Container container(String image, InjectorPayload payload) {
        return new ContainerBuilder()
                .withName(InjectorNames.CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withWorkingDir(InjectorNames.INIT_DIR)
                .withCommand(InjectorNames.INIT_DIR + "/" + InjectorNames.BINARY_KEY, payload.sha256(), BIND)
                .withVolumeMounts(mounts(payload))
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/v2/")
                .withPort(new IntOrString(InjectorNames.PORT))
                .endHttpGet()
                .withPeriodSeconds(2)
                .withSuccessThreshold(1)
                .withFailureThreshold(10)
                .endReadinessProbe()
                .withNewResources()
                .addToRequests("cpu", CPU_REQUEST)
                .addToRequests("memory", MEMORY_REQUEST)
                .addToLimits("cpu", CPU_LIMIT)
                .addToLimits("memory", MEMORY_LIMIT)
                .endResources()
                .withNewSecurityContext()
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static List<Volume> volumes(InjectorPayload payload) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName("init")
                .withNewConfigMap()
                .withName(InjectorNames.BINARY_CONFIG_MAP)
                .withDefaultMode(0777)
                .endConfigMap()
                .build());
        volumes.add(new VolumeBuilder()
                .withName("seed")
                .withNewEmptyDir()
                .endEmptyDir()
                .build());
        for (String name : payload.names()) {
            volumes.add(new VolumeBuilder()
                    .withName(name)
                    .withNewConfigMap()
                    .withName(name)
                    .endConfigMap()
                    .build());
        }
        return volumes;
    }

    private static List<VolumeMount> mounts(InjectorPayload payload) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount("init", InjectorNames.BINARY_KEY));
        mounts.add(new VolumeMountBuilder()
                .withName("seed")
                .withMountPath(InjectorNames.SEED_DIR)
                .build());
        for (String name : payload.names()) {
            mounts.add(mount(name, name));
        }
        return mounts;
    }

    private static VolumeMount mount(String volume, String file) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(InjectorNames.INIT_DIR + "/" + file)
                .withSubPath(file)
                .build();
    }
}
