package dev.jackal.cluster;

import dev.jackal.cluster.kube.ClusterException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cluster, found as kubectl finds it: {@code $KUBECONFIG} (its first file), else {@code ~/.kube/config}.
 * Commands that need no cluster never build one; those that do check first, once and quickly, that the API server
 * answers ({@link ApiServerProbe}), so an unreachable cluster is one clear line instead of half a minute of retries.
 */
public final class Kube implements AutoCloseable {

    private final Path kubeconfig;
    private final KubernetesClient client;

    private Kube(Path kubeconfig, KubernetesClient client) {
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    /** Connects with the kubeconfig kubectl would use. */
    public static Kube connect() {
        return connect(defaultKubeconfig());
    }

    /** The kubeconfig kubectl would use: the first file of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
    public static Path defaultKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        return env != null && !env.isBlank()
                ? Path.of(env.split(File.pathSeparator)[0])
                : Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    public static Kube connect(Path kubeconfig) {
        return connect(kubeconfig, ApiServerProbe.CONNECT_TIMEOUT_MS, ApiServerProbe.REQUEST_TIMEOUT_MS);
    }

    /**
     * Connects with a probe of at most about {@code probeTimeout} (twice that when the server accepts the connection
     * but is slow to answer), for a command that goes on without the cluster when it is not there.
     */
    public static Kube connectBriefly(Path kubeconfig, Duration probeTimeout) {
        int millis = (int) probeTimeout.toMillis();
        return connect(kubeconfig, millis, 2 * millis);
    }

    private static Kube connect(Path kubeconfig, int connectTimeoutMs, int requestTimeoutMs) {
        if (!Files.isRegularFile(kubeconfig)) {
            throw new ClusterException(
                    "no kubeconfig at " + kubeconfig + "; point KUBECONFIG at the cluster's" + " kubeconfig", null);
        }
        Config config;
        try {
            config = Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException | RuntimeException e) {
            throw new ClusterException("cannot use the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
        ApiServerProbe.check(config, kubeconfig, connectTimeoutMs, requestTimeoutMs);
        return new Kube(
                kubeconfig, new KubernetesClientBuilder().withConfig(config).build());
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
