package dev.jackal.injector.bootstrap;

/**
 * The names the bootstrap objects share with the Rust injector (spec §7.5, §8), with the jackal prefix throughout:
 * jackal builds its own injector, so none of Zarf's kept names ({@code zarf-injector}, {@code zarf-payload-NNN},
 * {@code /zarf-init}) are needed for compatibility. {@code rust-binary} and the pod name {@code injector} carry no
 * prefix and stay as they are.
 */
public final class InjectorNames {

    /** jackal's namespace, where every bootstrap object lives. */
    public static final String NAMESPACE = "jackal";
    /** The ConfigMap that carries the injector executable. */
    public static final String BINARY_CONFIG_MAP = "rust-binary";
    /** The executable's key in that ConfigMap, and its file name in {@link #INIT_DIR}. */
    public static final String BINARY_KEY = "jackal-injector";
    /** Payload ConfigMaps and their one key are named this plus a three-digit index. */
    public static final String PAYLOAD_PREFIX = "jackal-payload-";
    /** The label that marks payload ConfigMaps, with the value {@link #PAYLOAD_LABEL_VALUE}. */
    public static final String PAYLOAD_LABEL = "jackal-injector";

    public static final String PAYLOAD_LABEL_VALUE = "payload";
    /** The NodePort service in front of the injector pod. */
    public static final String SERVICE = "jackal-injector";
    /** The pod's {@code app} label, which the service selects. */
    public static final String APP = "jackal-injector";

    public static final String POD = "injector";
    public static final String CONTAINER = "injector";
    /** The injector's working directory: the executable and the payload parts are mounted here. */
    public static final String INIT_DIR = "/jackal-init";
    /** Where the injector unpacks the payload (an emptyDir). */
    public static final String SEED_DIR = "/jackal-seed";
    /** The port the injector serves the distribution API on. */
    public static final int PORT = 5000;
    /** The agent leaves objects with this label set to {@code ignore} alone. */
    public static final String AGENT_LABEL = "jackal.dev/agent";
    /** Names the package an object was made for. */
    public static final String PACKAGE_LABEL = "jackal.dev/package";

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String JACKAL = "jackal";

    private InjectorNames() {}

    /** {@code jackal-payload-007} for index 7. */
    public static String payloadName(int index) {
        if (index < 0 || index > 999) {
            throw new IllegalArgumentException("payload part index " + index + " is outside 0..999");
        }
        return PAYLOAD_PREFIX + String.format(java.util.Locale.ROOT, "%03d", index);
    }
}
