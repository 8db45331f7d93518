package dev.jackal.test.node;

import dev.jackal.test.TestServiceException;
import dev.jackal.test.kube.KubernetesControlPlane;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The few API reads the node's start waits on, as the control plane's admin. */
final class ClusterQueries {

    private static final HttpClient PLAIN =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final KubernetesControlPlane controlPlane;
    private final HttpClient api;

    ClusterQueries(KubernetesControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.api = controlPlane.httpClient();
    }

    /** Whether node {@code name} reports {@code Ready=True}. */
    boolean nodeReady(String name) {
        String json = get(api, controlPlane.apiServerUrl() + "/api/v1/nodes/" + name);
        return json.replace(" ", "").matches("(?s).*\"type\":\"Ready\",\"status\":\"True\".*");
    }

    /** Pods cannot be created before the {@code default} ServiceAccount exists (the admission plugin says no). */
    void awaitDefaultServiceAccount(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String url = controlPlane.apiServerUrl() + "/api/v1/namespaces/default/serviceaccounts/default";
        while (get(api, url).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new TestServiceException(
                        RealNode.SERVICE,
                        "the default ServiceAccount did not appear within " + timeout.toSeconds()
                                + " s (kube-controller-manager log in " + controlPlane.logsDir() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestServiceException(RealNode.SERVICE, "interrupted", e);
            }
        }
    }

    /** Whether {@code url} answers 200 over plain HTTP. */
    static boolean healthy(String url) {
        return !get(PLAIN, url).isEmpty();
    }

    private static String get(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
