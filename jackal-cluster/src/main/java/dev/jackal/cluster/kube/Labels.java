package dev.jackal.cluster.kube;

import java.util.Map;

/** The labels jackal puts on what it manages. */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String JACKAL = "jackal";
    public static final String HELM_RELEASE = "jackal-helm-release";
    public static final String PACKAGE_DEPLOY_INFO = "package-deploy-info";
    /** jackal's own namespace, where package secrets live. */
    public static final String NAMESPACE = "jackal";

    private Labels() {}

    public static Map<String, String> managed() {
        return Map.of(MANAGED_BY, JACKAL);
    }
}
