package dev.jackal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.push.PullSecrets;
import dev.jackal.cluster.push.RegistryTargets;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.deploy.DeployException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.event.ProgressEvent;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ImageTransform;
import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.kube.KubernetesExtension;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy pushes a package's images (spec §6.5) into a real registry with htpasswd auth, named by the cluster's state
 * on the real control plane, through a counting TCP proxy: every checksum and plain name resolves with skopeo to the
 * source digests, an interrupted push resumes, a redeploy moves under 5% of the bytes, and every namespace of the
 * package gets the pull secret.
 */
class ImagePushDeployTest {

    @RegisterExtension
    static final KubernetesExtension KUBE = new KubernetesExtension();

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.plain();

    @RegisterExtension
    static final RegistryExtension TARGET = RegistryExtension.withAuth();

    private static final Skopeo SKOPEO = Skopeo.find();
    private static final long LAYER = 400_000;

    @TempDir
    static Path work;

    private static Path archive;
    private static final List<TestImage> images = new ArrayList<>();
    private static final List<String> names = new ArrayList<>();

    @BeforeAll
    static void createPackage() throws Exception {
        OciRegistry source = SOURCE.registry();
        // base and app share their first layer (same seed)
        images.add(TestImages.builder()
                .seed(3)
                .layers(1)
                .layerSize(LAYER)
                .tag("1.0")
                .push(SKOPEO, source, "lib/base", work));
        images.add(TestImages.builder()
                .seed(3)
                .layers(2)
                .layerSize(LAYER)
                .tag("2.0")
                .push(SKOPEO, source, "app", work));
        images.add(TestImages.builder()
                .seed(4)
                .layers(1)
                .layerSize(LAYER)
                .format(TestImages.Format.DOCKER_V2)
                .tag("3.0")
                .push(SKOPEO, source, "tools/cli", work));
        names.add(source.address() + "/lib/base:1.0");
        names.add(source.address() + "/app:2.0");
        names.add(source.address() + "/tools/cli@" + images.get(2).digest());
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(
                src.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: push-demo
                  version: 1.0.0
                components:
                  - name: web
                    required: true
                    images:
                      - %s
                      - %s
                    manifests:
                      - name: settings
                        namespace: push-web
                        files:
                          - settings.yaml
                  - name: tools
                    required: true
                    images:
                      - %s
                      - %s
                    manifests:
                      - name: more
                        namespace: push-tools
                        files:
                          - settings.yaml
                """
                        .formatted(names.get(0), names.get(1), names.get(1), names.get(2)));
        Files.writeString(
                src.resolve("settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n");
        archive = new PackageCreator(
                        EventHandler.NONE,
                        SkeletonResolver.LOCAL_ONLY,
                        new OciImageStep(EventHandler.NONE, CredentialProvider.anonymous()))
                .create(CreateOptions.builder(src)
                        .outputDir(work.resolve("out"))
                        .architecture("amd64")
                        .skipSbom(true)
                        .cacheDir(work.resolve("cache"))
                        .build())
                .archive();
    }

    @AfterEach
    void dropStateAndPackageSecret() {
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            kube.client()
                    .secrets()
                    .inNamespace(RegistryTargets.NAMESPACE)
                    .withName(RegistryTargets.SECRET)
                    .delete();
            kube.client()
                    .secrets()
                    .inNamespace("jackal")
                    .withName("jackal-package-push-demo")
                    .delete();
        }
    }

    private static void writeState(Kube kube, String address, String pushPassword) {
        OciRegistry target = TARGET.registry();
        String state =
                """
                {"distro":"kwok","registryInfo":{"pushUsername":"%s","pushPassword":"%s","pullUsername":"puller",
                 "pullPassword":"pull-pw","address":"%s","nodePort":31999,"internalRegistry":true}}
                """
                        .formatted(target.username().orElseThrow(), pushPassword, address);
        kube.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(RegistryTargets.NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(RegistryTargets.SECRET)
                .withNamespace(RegistryTargets.NAMESPACE)
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(
                        RegistryTargets.KEY,
                        Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8))))
                .build();
        kube.client().secrets().resource(secret).createOr(s -> s.update());
    }

    private static DeployOptions options(int retries) {
        return new DeployOptions(
                "",
                Map.of(),
                false,
                Duration.ofMinutes(2),
                retries,
                "jackal ",
                DeployOptions.Prompts.none(EventHandler.NONE),
                2);
    }

    private static void deploy(Kube kube, DeployOptions options, EventHandler events) throws Exception {
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, Files.createDirectories(work.resolve("load")))
                .load(archive, Optional.empty())) {
            new PackageDeployer(events, kube).deploy(loaded, options);
        }
    }

    /** The size of every blob in the package's images, manifests included. */
    private static long imageBytes() throws Exception {
        Path blobs = work.resolve("cache").resolve("images").resolve("blobs").resolve("sha256");
        long total = 0;
        for (String digest : digestsOfImages()) {
            total += Files.size(blobs.resolve(Digest.of(digest).hex()));
        }
        return total;
    }

    private static List<String> digestsOfImages() {
        return images.stream()
                .flatMap(i -> Stream.concat(i.layerDigests().stream(), Stream.of(i.digest())))
                .distinct()
                .toList();
    }

    @Test
    void pushesEveryNameResumesAnInterruptedPushAndRedeploysAlmostForFree() throws Exception {
        OciRegistry target = TARGET.registry();
        long total = imageBytes();
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.port());
                Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            // the state names the proxy, so every byte of the push crosses it; the NodePort-style address answers,
            // so no port-forward is needed
            writeState(kube, proxy.address(), target.password().orElseThrow());

            // component web sends two layers (base's, app's second); the cut falls into tools' layer
            proxy.cutOnceAfter(2 * LAYER + LAYER / 2);
            DeployException cut =
                    assertThrows(DeployException.class, () -> deploy(kube, options(0), EventHandler.NONE));
            assertTrue(proxy.didCut(), "the push was cut in the middle of a blob");
            assertTrue(cut.getMessage().startsWith("component tools"), cut.getMessage());
            assertFalse(cut.getMessage().contains("\n"), cut.getMessage());

            proxy.resetCounts();
            List<String> lines = new ArrayList<>();
            List<ProgressEvent> progress = new ArrayList<>();
            EventHandler events = event -> {
                synchronized (lines) {
                    if (event instanceof LogEvent log) {
                        lines.add(log.message());
                    } else if (event instanceof ProgressEvent p) {
                        progress.add(p);
                    }
                }
            };
            deploy(kube, options(3), events);
            long resumed = proxy.bytesSent();
            assertTrue(
                    resumed < total - LAYER / 2,
                    "the re-run reuses the blob the interrupted run pushed: " + resumed + " of " + total);
            assertTrue(
                    progress.stream().anyMatch(p -> p.task().startsWith("push images") && p.finished()),
                    "push progress is reported like create's pull");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("pushed app:2.0")), lines.toString());

            for (int i = 0; i < names.size(); i++) {
                String checksum = ImageTransform.jackal().withChecksum(target.address(), names.get(i));
                String plain = ImageTransform.jackal().withoutChecksum(target.address(), names.get(i));
                for (String name : List.of(checksum, plain)) {
                    String repositoryAndRef = ImageReference.parse(name).toStringWithoutRegistry();
                    String raw = SKOPEO.inspectRaw(target, repositoryAndRef);
                    assertEquals(
                            images.get(i).digest(),
                            Digest.sha256(raw.getBytes(StandardCharsets.UTF_8)).toString(),
                            name);
                }
            }
            assertTrue(SKOPEO.listTags(target, "app")
                    .contains("2.0-jackal-" + ImageTransform.checksum(ImageReference.parse(names.get(1)))));

            for (String namespace : List.of("push-web", "push-tools")) {
                Secret pull = kube.client()
                        .secrets()
                        .inNamespace(namespace)
                        .withName(PullSecrets.NAME)
                        .get();
                assertEquals(PullSecrets.TYPE, pull.getType(), namespace);
                String config = new String(
                        Base64.getDecoder().decode(pull.getData().get(PullSecrets.KEY)), StandardCharsets.UTF_8);
                String auth = Base64.getEncoder().encodeToString("puller:pull-pw".getBytes(StandardCharsets.UTF_8));
                assertEquals("{\"auths\":{\"" + proxy.address() + "\":{\"auth\":\"" + auth + "\"}}}", config);
            }

            proxy.resetCounts();
            deploy(kube, options(3), EventHandler.NONE);
            assertTrue(
                    proxy.bytesSent() <= total / 20,
                    "a redeploy sends at most 5% of the image bytes: " + proxy.bytesSent() + " of " + total);
        }
    }

    @Test
    void wrongPushCredentialsAreOneLineNamingTheRegistryWithoutThePassword() throws Exception {
        OciRegistry target = TARGET.registry();
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            writeState(kube, target.address(), "wrong-password-1234");
            DeployException e = assertThrows(DeployException.class, () -> deploy(kube, options(1), EventHandler.NONE));
            assertTrue(e.getMessage().contains("registry " + target.address()), e.getMessage());
            assertTrue(e.getMessage().contains("jackal/jackal-state"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password-1234"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void withoutStateAPackageWithImagesIsRefusedBeforeAnythingChanges() {
        try (Kube kube = Kube.connect(KUBE.controlPlane().kubeconfig())) {
            ClusterException e =
                    assertThrows(ClusterException.class, () -> deploy(kube, options(1), EventHandler.NONE));
            assertTrue(e.getMessage().startsWith("the cluster has no jackal registry"), e.getMessage());
            assertTrue(e.getMessage().contains("run 'jackal init' first"), e.getMessage());
            assertEquals(
                    null,
                    kube.client()
                            .secrets()
                            .inNamespace("jackal")
                            .withName("jackal-package-push-demo")
                            .get(),
                    "no package secret was written");
        }
    }
}
