package dev.jackal.cluster;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.kube.Labels;
import dev.jackal.cluster.kube.Namespaces;
import dev.jackal.core.state.DeployedPackage;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The package secrets {@code jackal/jackal-package-<name>} (spec §6.9): what each deployed package is
 * and how its components stand.
 */
public final class PackageSecrets {

    private final KubernetesClient client;
    private final Namespaces namespaces;

    public PackageSecrets(KubernetesClient client, Namespaces namespaces) {
        this.client = client;
        this.namespaces = namespaces;
    }

    /** The pure object written for {@code record}. */
    public static Secret secret(DeployedPackage record) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(DeployedPackage.secretName(record.name()))
                .withNamespace(Labels.NAMESPACE)
                .addToLabels(Labels.MANAGED_BY, Labels.JACKAL)
                .addToLabels(Labels.PACKAGE_DEPLOY_INFO, record.name())
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(
                        "data",
                        Base64.getEncoder().encodeToString(record.toJson().getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** Creates or replaces the secret of {@code record}. */
    public void save(DeployedPackage record) {
        namespaces.ensure(Labels.NAMESPACE, null);
        try {
            client.secrets()
                    .inNamespace(Labels.NAMESPACE)
                    .resource(secret(record))
                    .createOr(s -> s.update());
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot save the package secret of " + record.name() + ": " + e.getMessage(), e);
        }
    }

    public Optional<DeployedPackage> find(String packageName) {
        try {
            Secret secret = client.secrets()
                    .inNamespace(Labels.NAMESPACE)
                    .withName(DeployedPackage.secretName(packageName))
                    .get();
            return Optional.ofNullable(secret).map(PackageSecrets::read);
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot read the package secret of " + packageName + ": " + e.getMessage(), e);
        }
    }

    /** Every deployed package, by name. */
    public List<DeployedPackage> list() {
        try {
            return client
                    .secrets()
                    .inNamespace(Labels.NAMESPACE)
                    .withLabel(Labels.PACKAGE_DEPLOY_INFO)
                    .list()
                    .getItems()
                    .stream()
                    .filter(s -> s.getMetadata().getName().startsWith("jackal-package-"))
                    .map(PackageSecrets::read)
                    .sorted(Comparator.comparing(DeployedPackage::name))
                    .toList();
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot list the deployed packages: " + e.getMessage(), e);
        }
    }

    public void delete(String packageName) {
        client.secrets()
                .inNamespace(Labels.NAMESPACE)
                .withName(DeployedPackage.secretName(packageName))
                .delete();
    }

    private static DeployedPackage read(Secret secret) {
        String data = secret.getData() == null ? null : secret.getData().get("data");
        if (data == null) {
            throw new ClusterException("the secret " + secret.getMetadata().getName() + " has no package record", null);
        }
        return DeployedPackage.fromJson(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
    }
}
