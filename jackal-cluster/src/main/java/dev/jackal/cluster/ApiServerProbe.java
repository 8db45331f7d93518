package dev.jackal.cluster;

import dev.jackal.cluster.kube.ClusterException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One request to the API server ({@code /version}) without retries and with short timeouts, before a command starts
 * work on the cluster. The client's own retries (ten, with a growing back-off) suit a cluster that hiccups, not one
 * that is not there: that took 28 seconds and hid the cause. Any HTTP answer counts as reachable; only a failure to
 * get one is reported, naming the server and the cause.
 */
final class ApiServerProbe {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private ApiServerProbe() {}

    static void check(Config config, Path kubeconfig) {
        check(config, kubeconfig, CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS);
    }

    /** As {@link #check(Config, Path)} with other timeouts, for a command that can do without the cluster. */
    static void check(Config config, Path kubeconfig, int connectTimeoutMs, int requestTimeoutMs) {
        Config probe = new ConfigBuilder(config)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(connectTimeoutMs)
                .withRequestTimeout(requestTimeoutMs)
                .build();
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(probe).build()) {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                return; // it answered; what it thinks of us is for the real requests to report
            }
            throw new ClusterException(
                    "cannot reach the cluster's API server " + config.getMasterUrl() + " (kubeconfig " + kubeconfig
                            + "): " + cause(e) + "; check that the cluster is running and the kubeconfig points at it",
                    e);
        }
    }

    /** The root cause in a few words. */
    static String cause(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SSLException
                    || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException) {
                break;
            }
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        if (root instanceof ConnectException) {
            return "connection refused"
                    + (message.isEmpty() || message.equalsIgnoreCase("connection refused") ? "" : " (" + message + ")");
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (root instanceof HttpTimeoutException || root instanceof TimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT_MS / 1000 + " seconds";
        }
        if (root instanceof SSLException) {
            return "TLS failed: " + message;
        }
        return message.isEmpty() ? root.getClass().getSimpleName() : message;
    }
}
