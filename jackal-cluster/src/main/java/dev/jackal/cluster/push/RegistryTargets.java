package dev.jackal.cluster.push;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.state.JackalState;
import dev.jackal.cluster.state.RegistryInfo;
import dev.jackal.cluster.state.StateSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * Finds the cluster's registry in the state secret {@code jackal/jackal-state} (key {@code state}, spec §7.3): its
 * {@code registryInfo} {@code address}, push and pull credentials and {@code internalRegistry}, read through the
 * state model ({@link StateSecret}).
 */
public final class RegistryTargets {

    // the state's own names: one place says where the state lives
    public static final String NAMESPACE = Labels.NAMESPACE;
    public static final String SECRET = StateSecret.NAME;
    public static final String KEY = StateSecret.KEY;

    private RegistryTargets() {}

    /** The registry of the cluster, or empty when it has no state (not initialised). */
    public static Optional<RegistryTarget> find(KubernetesClient client) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(NAMESPACE).withName(SECRET).get();
        } catch (KubernetesClientException e) {
            throw new PushException("cannot read the secret " + NAMESPACE + "/" + SECRET + ": " + e.getMessage(), e);
        }
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(KEY)) {
            return Optional.empty();
        }
        JackalState state;
        try {
            state = StateSecret.read(secret);
        } catch (ClusterException e) {
            throw invalid(e.getMessage());
        }
        return Optional.of(of(state));
    }

    /** The registry described by a state document's {@code registryInfo}. */
    public static RegistryTarget parse(String stateJson) {
        JackalState state;
        try {
            state = StateSecret.fromJson(stateJson);
        } catch (ClusterException e) {
            throw invalid(e.getMessage());
        }
        return of(state);
    }

    /** The registry of {@code state}; fails in one line when its {@code registryInfo} cannot be used. */
    public static RegistryTarget of(JackalState state) {
        RegistryInfo info = state.registryInfo();
        if (info == null) {
            throw invalid("it has no registryInfo");
        }
        String address = text(info.address());
        if (address.isEmpty()) {
            throw invalid("registryInfo.address is empty");
        }
        String pushUser = text(info.pushUsername());
        if (pushUser.isEmpty()) {
            throw invalid("registryInfo.pushUsername is empty");
        }
        String pushPassword = text(info.pushPassword());
        String pullUser = text(info.pullUsername());
        return new RegistryTarget(
                address,
                pushUser,
                pushPassword,
                pullUser.isEmpty() ? pushUser : pullUser,
                pullUser.isEmpty() ? pushPassword : text(info.pullPassword()),
                info.internalRegistry(),
                RegistryTarget.Service.REGISTRY);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static PushException invalid(String why) {
        return new PushException(
                "the cluster's state " + NAMESPACE + "/" + SECRET + " cannot be used: " + why
                        + "; run 'jackal init' again to repair it",
                null);
    }
}
