package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.push.RegistryTargets;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.load.RemoteLoad;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.LayerEntry;
import dev.jackal.core.publish.PackagePublisher;
import dev.jackal.core.publish.PublishRequest;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.test.Ports;
import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code package deploy oci://… --confirm} on the real control plane: the package is published to one real registry,
 * read back through a counting TCP proxy with only the selected component's files and images, and deployed, its
 * image pushed to the cluster's registry (another real registry, named by the state). The component left out carries
 * an image and a file far larger than the bytes allowed on the wire.
 */
class OciDeployTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @RegisterExtension
    static final RegistryExtension PACKAGES = RegistryExtension.plain();

    @RegisterExtension
    static final RegistryExtension CLUSTER_REGISTRY = RegistryExtension.withAuth();

    /** HTTP status lines and headers of one request/answer pair, generously. */
    private static final long HEADERS_PER_REQUEST = 1024;

    @TempDir
    Path work;

    @Test
    void deploysOnlyTheSelectedComponentsBytes() throws Exception {
        String unreachable = "127.0.0.1:" + Ports.free();
        String webImage = unreachable + "/oci/web:1.0";
        String extraImage = unreachable + "/oci/extra:1.0";
        Path layout = work.resolve("layout");
        image(layout, webImage, 50_000, 1);
        image(layout, extraImage, 1_500_000, 2);
        Path src = Files.createDirectories(work.resolve("src"));
        Files.write(src.resolve("extra.bin"), random(1_500_000, 3));
        Files.writeString(
                src.resolve("settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\ndata:\n  a: b\n");
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: oci-demo
                  version: 1.0.0
                components:
                  - name: web
                    required: true
                    images:
                      - %s
                    manifests:
                      - name: settings
                        namespace: oci-web
                        files:
                          - settings.yaml
                  - name: extra
                    images:
                      - %s
                    files:
                      - source: extra.bin
                        target: %s
                """
                        .formatted(webImage, extraImage, work.resolve("never-placed.bin")));
        Path archive = new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(src)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .skipSbom(true)
                        .plainHttp(true)
                        .imageLayouts(List.of(layout))
                        .cacheDir(work.resolve("cache"))
                        .build())
                .archive();
        RemoteOptions remote = new RemoteOptions(
                RegistryOptions.defaults().withPlainHttp(true).withRetries(1), CredentialProvider.anonymous(), 3);
        PublishResult published = new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(
                        archive, "oci://" + PACKAGES.registry().address() + "/pkgs", remote));

        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", PACKAGES.registry().port());
                Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            writeState(kube);
            RemoteLoad selected = RemoteLoad.components(remote, Optional.empty(), "");
            try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work, selected)
                    .load("oci://" + proxy.address() + "/pkgs/oci-demo:1.0.0", Optional.empty(), false)) {
                long received = proxy.bytesReceived();
                long files = 0;
                int count = 0;
                try (Stream<Path> walk = Files.walk(loaded.layout().root())) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        files += Files.size(file);
                        count++;
                    }
                }
                long bound =
                        files + published.manifestSize() + published.indexSize() + (4 + count) * HEADERS_PER_REQUEST;
                assertTrue(
                        received <= bound,
                        "received " + received + " bytes from the package registry; selected files " + files
                                + ", bound " + bound);
                assertTrue(bound < 1_500_000, "the component left out is larger than the bound: " + bound);
                assertFalse(Files.exists(loaded.layout().componentTar("extra")));

                DeployedPackage deployed = new PackageDeployer(EventHandler.NONE, kube)
                        .deploy(
                                loaded,
                                new DeployOptions(
                                        "",
                                        Map.of(),
                                        false,
                                        Duration.ofMinutes(2),
                                        1,
                                        "jackal ",
                                        DeployOptions.Prompts.none(EventHandler.NONE),
                                        2));
                assertEquals(
                        List.of("web"),
                        deployed.deployedComponents().stream()
                                .map(c -> c.name())
                                .toList());
            }
            assertNotNull(kube.client()
                    .configMaps()
                    .inNamespace("oci-web")
                    .withName("from-oci")
                    .get());
            OciRegistry target = CLUSTER_REGISTRY.registry();
            String tags = Skopeo.find().listTags(target, "oci/web");
            assertTrue(tags.contains("1.0"), tags);
            assertFalse(Files.exists(work.resolve("never-placed.bin")));
        } finally {
            try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
                kube.client()
                        .secrets()
                        .inNamespace(RegistryTargets.NAMESPACE)
                        .withName(RegistryTargets.SECRET)
                        .delete();
                kube.client()
                        .secrets()
                        .inNamespace("jackal")
                        .withName("jackal-package-oci-demo")
                        .delete();
            }
        }
    }

    private void writeState(Kube kube) {
        OciRegistry target = CLUSTER_REGISTRY.registry();
        String state =
                """
                {"distro":"kwok","registryInfo":{"pushUsername":"%s","pushPassword":"%s","pullUsername":"puller",
                 "pullPassword":"pull-pw","address":"%s","nodePort":31999,"internalRegistry":true}}
                """
                        .formatted(
                                target.username().orElseThrow(),
                                target.password().orElseThrow(),
                                target.address());
        kube.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(RegistryTargets.NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        kube.client()
                .secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(RegistryTargets.SECRET)
                        .withNamespace(RegistryTargets.NAMESPACE)
                        .endMetadata()
                        .withType("Opaque")
                        .withData(Map.of(
                                RegistryTargets.KEY,
                                Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .createOr(s -> s.update());
    }

    private void image(Path layout, String reference, int size, long seed) throws Exception {
        Path file = Files.createDirectories(work.resolve("image-files")).resolve("payload-" + seed);
        Files.write(file, random(size, seed));
        ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(List.of(LayerEntry.file(file, "/payload", 0644)))
                .build(OciLayout.create(layout), ImageReference.parse(reference));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
