package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageCopier;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ImageTransform;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.PullOptions;
import dev.jackal.core.oci.PushResult;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.test.node.RealNode;
import dev.jackal.test.node.RealNodeExtension;
import dev.jackal.test.oci.RunnableImage;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port-forward on a real kubelet: a registry pod (Debian's docker-registry with the two libraries it links, in an
 * image built here) behind a service whose NodePort-style address does not answer, so the push goes through a fabric8
 * port-forward; skopeo then reads both names back through a second one.
 */
class RegistryTunnelRealNodeTest {

    @RegisterExtension
    static final RealNodeExtension NODE = new RealNodeExtension();

    private static final String NAMESPACE = "push-tunnel";
    private static final Skopeo SKOPEO = Skopeo.find();

    @TempDir
    static Path work;

    @Test
    void pushesThroughAPortForwardWhenTheNodePortDoesNotAnswer() throws Exception {
        RealNode node = NODE.node();
        String registryImage = "127.0.0.1/jackal-test/push-registry:1";
        TestImage built = RunnableImage.empty()
                .file(Path.of("/usr/bin/docker-registry"), "/bin/registry")
                .file(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), "/lib/x86_64-linux-gnu/libc.so.6")
                .file(Path.of("/lib64/ld-linux-x86-64.so.2"), "/lib64/ld-linux-x86-64.so.2")
                .text(
                        "/etc/registry.yml",
                        "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                                + "    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n")
                .cmd("/bin/registry", "serve", "/etc/registry.yml")
                .writeLayout(work.resolve("registry-image"), "1");
        node.importImage(built.layout(), registryImage);

        TestImage app = TestImages.builder()
                .seed(31)
                .layers(2)
                .layerSize(200_000)
                .tag("1.0")
                .push(SKOPEO, node.registry(), "tunnel/app", work);
        String source = node.registry().address() + "/tunnel/app:1.0";
        OciLayout layout = OciLayout.create(work.resolve("images"));
        new ImageCopier(
                        RegistryClient.builder()
                                .options(
                                        node.registry().address(),
                                        RegistryOptions.defaults().withPlainHttp(true))
                                .build(),
                        null)
                .pull(List.of(ImageReference.parse(source)), layout, PullOptions.forArchitecture("amd64"));

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(node.kubeconfig())))
                .build()) {
            try {
                startRegistry(client, registryImage);
                RegistryTarget.Service service = new RegistryTarget.Service(NAMESPACE, "registry", 5000);
                RegistryTarget target = new RegistryTarget(
                        "127.0.0.1:1", "jackal-push", "unused", "jackal-pull", "unused", true, service);
                List<String> lines = new ArrayList<>();
                EventHandler events = event -> {
                    if (event instanceof LogEvent log) {
                        synchronized (lines) {
                            lines.add(log.message());
                        }
                    }
                };
                PushResult result;
                try (ImagePushStep step = new ImagePushStep(
                        events, client, target, 2, RegistryOptions.defaults().withRetries(1))) {
                    result = step.push(layout.directory(), component(source), PackageDialect.JACKAL);
                }
                assertEquals(3, result.blobsUploaded(), result.toString());
                assertTrue(lines.stream().anyMatch(l -> l.contains("through a port-forward")), lines.toString());

                try (RegistryTunnel tunnel = RegistryTunnel.open(client, service)) {
                    for (String name : List.of(
                            ImageTransform.jackal().withChecksum("127.0.0.1:1", source),
                            ImageTransform.jackal().withoutChecksum("127.0.0.1:1", source))) {
                        String path = ImageReference.parse(name).toStringWithoutRegistry();
                        String raw = SKOPEO.inspect(
                                        "docker://" + tunnel.address() + "/" + path,
                                        List.of("--raw", "--tls-verify=false", "--no-creds"))
                                .requireSuccess()
                                .stdout();
                        assertEquals(
                                app.digest(),
                                Digest.sha256(raw.getBytes(StandardCharsets.UTF_8))
                                        .toString(),
                                name);
                    }
                }
            } finally {
                client.namespaces().withName(NAMESPACE).delete();
            }
        }
    }

    private static void startRegistry(KubernetesClient client, String image) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        client.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("registry")
                        .withLabels(Map.of("app", "push-tunnel"))
                        .endMetadata()
                        .withNewSpec()
                        .withTerminationGracePeriodSeconds(1L)
                        .addNewContainer()
                        .withName("registry")
                        .withImage(image)
                        .withImagePullPolicy("Never")
                        .addNewPort()
                        .withName("registry")
                        .withContainerPort(5000)
                        .endPort()
                        .withNewReadinessProbe()
                        .withNewTcpSocket()
                        .withNewPort(5000)
                        .endTcpSocket()
                        .withPeriodSeconds(1)
                        .endReadinessProbe()
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        client.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("registry")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(Map.of("app", "push-tunnel"))
                        .addNewPort()
                        .withPort(5000)
                        .withNewTargetPort("registry")
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        client.pods()
                .inNamespace(NAMESPACE)
                .withName("registry")
                .waitUntilCondition(p -> p != null && RegistryTunnel.isReady(p), 2, TimeUnit.MINUTES);
    }

    private static Component component(String image) {
        return DefinitionReader.parse(
                        Path.of("jackal.yaml"),
                        """
                        kind: JackalPackageConfig
                        metadata:
                          name: tunnel
                        components:
                          - name: app
                            images:
                              - %s
                        """
                                .formatted(image),
                        DefinitionReader.Strictness.LENIENT)
                .pkg()
                .components()
                .get(0);
    }
}
