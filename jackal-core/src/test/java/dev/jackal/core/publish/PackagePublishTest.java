package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.JackalException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoadException;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.oci.ImageNotFoundException;
import dev.jackal.core.remote.PackageArtifact;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemotePackageException;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes packages of two architectures and the skeleton of their directory to a real registry under one tag, checks
 * the artifact with skopeo, and pulls each back into a verified archive.
 */
class PackagePublishTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    static Path work;

    private static final Skopeo SKOPEO = Skopeo.find();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PublishFixtures fixtures;
    private static Path amd64;
    private static Path arm64;

    @BeforeAll
    static void createPackages() throws Exception {
        fixtures = new PublishFixtures(work, 50_000, 300_000);
        amd64 = fixtures.create("amd64");
        arm64 = fixtures.create("arm64");
    }

    private static String destination(String repository) {
        return "oci://" + REGISTRY.registry().address() + "/" + repository;
    }

    private static PublishResult publish(Path source, String repository) {
        return new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(source, destination(repository), PublishFixtures.options(1)));
    }

    @Test
    void everyArchitectureAndTheSkeletonShareOneTag() throws Exception {
        PublishResult first = publish(amd64, "multi");
        assertEquals(
                REGISTRY.registry().address() + "/multi/demo:1.0.0",
                first.reference().toString());
        assertTrue(first.blobsUploaded() > 0);
        PublishResult arm = publish(arm64, "multi");
        PublishResult skeleton = publish(fixtures.dir, "multi");
        assertEquals("skeleton", skeleton.architecture());

        JsonNode index = JSON.readTree(SKOPEO.inspectRaw(REGISTRY.registry(), "multi/demo:1.0.0"));
        assertEquals(
                "application/vnd.oci.image.index.v1+json",
                index.get("mediaType").asText());
        Map<String, String> platforms = new TreeMap<>();
        for (JsonNode entry : index.get("manifests")) {
            assertEquals("multi", entry.get("platform").get("os").asText(), entry.toString());
            platforms.put(
                    entry.get("platform").get("architecture").asText(),
                    entry.get("digest").asText());
        }
        assertEquals(
                Map.of(
                        "amd64", first.manifest().toString(),
                        "arm64", arm.manifest().toString(),
                        "skeleton", skeleton.manifest().toString()),
                platforms);

        JsonNode manifest = JSON.readTree(SKOPEO.inspectRaw(REGISTRY.registry(), "multi/demo@" + first.manifest()));
        assertEquals(
                "application/vnd.oci.image.manifest.v1+json",
                manifest.get("mediaType").asText());
        assertEquals(
                PackageArtifact.CONFIG_MEDIA_TYPE,
                manifest.get("config").get("mediaType").asText());
        assertEquals(
                "demo", manifest.get("annotations").get(PackageArtifact.TITLE).asText());
        assertEquals(
                "jackal tests",
                manifest.get("annotations")
                        .get("org.opencontainers.image.vendor")
                        .asText());
        assertEquals(
                "2026-01-02T03:04:05Z",
                manifest.get("annotations").get(PackageArtifact.CREATED).asText());
        List<String> titles = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            assertEquals(
                    PackageArtifact.LAYER_MEDIA_TYPE, layer.get("mediaType").asText());
            titles.add(layer.get("annotations").get(PackageArtifact.TITLE).asText());
        }
        for (String expected : List.of(
                "jackal.yaml",
                "checksums.txt",
                "components/app.tar",
                "components/extra.tar",
                "images/index.json",
                "images/oci-layout")) {
            assertTrue(titles.contains(expected), expected + " in " + titles);
        }
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("images/blobs/sha256/")), titles.toString());
        assertEquals(first.layers(), titles.size());

        JsonNode skeletonManifest =
                JSON.readTree(SKOPEO.inspectRaw(REGISTRY.registry(), "multi/demo@" + skeleton.manifest()));
        List<String> skeletonTitles = new ArrayList<>();
        skeletonManifest
                .get("layers")
                .forEach(l -> skeletonTitles.add(
                        l.get("annotations").get(PackageArtifact.TITLE).asText()));
        assertTrue(skeletonTitles.stream().noneMatch(t -> t.startsWith("images/")), skeletonTitles.toString());
        assertTrue(skeletonTitles.contains("components/app.tar"), skeletonTitles.toString());

        // the same package again: no blob moves, the manifest and the index keep their digests
        PublishResult again = publish(amd64, "multi");
        assertEquals(0, again.blobsUploaded());
        assertEquals(first.manifest(), again.manifest());
        assertEquals(skeleton.index(), again.index(), "replacing amd64 by itself leaves the index as it was");
    }

    @Test
    void pullWritesTheArchiveCreateWouldAndItLoads() throws Exception {
        publish(amd64, "pull");
        publish(arm64, "pull");
        publish(fixtures.dir, "pull");
        PackagePuller puller = new PackagePuller(EventHandler.NONE, work);
        String url = destination("pull") + "/demo:1.0.0";

        PullResult pulled = puller.pull(
                new PullRequest(url, Optional.of("arm64"), work.resolve("pulled"), PublishFixtures.options(1)));
        assertEquals(
                "jackal-package-demo-arm64-1.0.0.tar.zst",
                pulled.archive().getFileName().toString());
        try (LoadedPackage loaded =
                new PackageLoader(EventHandler.NONE, work).load(pulled.archive(), Optional.empty())) {
            assertEquals("arm64", loaded.pkg().metadata().architecture());
            assertTrue(Files.isRegularFile(loaded.layout().componentTar("extra")));
        }

        PullResult skeleton = puller.pull(
                new PullRequest(url, Optional.of("skeleton"), work.resolve("pulled"), PublishFixtures.options(1)));
        assertEquals(
                "jackal-package-demo-skeleton-1.0.0.tar.zst",
                skeleton.archive().getFileName().toString());
        try (LoadedPackage loaded =
                new PackageLoader(EventHandler.NONE, work).load(skeleton.archive(), Optional.empty())) {
            assertEquals("skeleton", loaded.pkg().build().architecture());
            assertEquals(
                    "files/0/app.bin",
                    loaded.pkg().components().get(0).files().get(0).source());
            assertEquals(
                    "manifests/config-0.yaml",
                    loaded.pkg().components().get(0).manifests().get(0).files().get(0));
        }

        RemotePackageException missing = assertThrows(
                RemotePackageException.class,
                () -> puller.pull(new PullRequest(
                        url, Optional.of("s390x"), work.resolve("pulled"), PublishFixtures.options(1))));
        assertEquals(
                url + " has no package for architecture s390x (it has amd64, arm64, skeleton); pass --architecture"
                        + " with one of those",
                missing.getMessage());
    }

    @Test
    void aCopyKeepsTheManifestDigest() throws Exception {
        PublishResult amd = publish(amd64, "copy-src");
        publish(arm64, "copy-src");
        PackagePublisher publisher = new PackagePublisher(EventHandler.NONE, work);
        PublishResult copied = publisher.copy(new CopyRequest(
                destination("copy-src") + "/demo:1.0.0",
                destination("copy-dst"),
                Optional.of("amd64"),
                PublishFixtures.options(1)));
        assertEquals(
                REGISTRY.registry().address() + "/copy-dst/demo:1.0.0",
                copied.reference().toString());
        assertEquals(amd.manifest(), copied.manifest());
        // the same registry links the blobs from the source repository; the copy is complete and verifies
        PullResult pulled = new PackagePuller(EventHandler.NONE, work)
                .pull(new PullRequest(
                        destination("copy-dst") + "/demo:1.0.0",
                        Optional.empty(),
                        work.resolve("copied"),
                        PublishFixtures.options(1)));
        assertEquals(
                "jackal-package-demo-amd64-1.0.0.tar.zst",
                pulled.archive().getFileName().toString());
        JsonNode index = JSON.readTree(SKOPEO.inspectRaw(REGISTRY.registry(), "copy-dst/demo:1.0.0"));
        assertEquals(1, index.get("manifests").size(), index.toString());
        assertEquals(
                "amd64",
                index.get("manifests")
                        .get(0)
                        .get("platform")
                        .get("architecture")
                        .asText());

        PublishResult again = publisher.copy(new CopyRequest(
                destination("copy-src") + "/demo:1.0.0",
                destination("copy-dst"),
                Optional.of("amd64"),
                PublishFixtures.options(1)));
        assertEquals(0, again.blobsUploaded(), "a second copy moves no blob");
    }

    @Test
    void badInputIsOneClearLine() throws Exception {
        PackagePuller puller = new PackagePuller(EventHandler.NONE, work);
        publish(amd64, "bad");
        JackalException wrongTag = assertThrows(
                ImageNotFoundException.class,
                () -> puller.pull(new PullRequest(
                        destination("bad") + "/demo:9.9.9",
                        Optional.empty(),
                        work.resolve("x"),
                        PublishFixtures.options(0))));
        assertOneLine(wrongTag);
        assertTrue(wrongTag.getMessage().contains("demo:9.9.9"), wrongTag.getMessage());

        JackalException noVersion = assertThrows(
                RemotePackageException.class,
                () -> puller.pull(new PullRequest(
                        destination("bad") + "/demo",
                        Optional.empty(),
                        work.resolve("x"),
                        PublishFixtures.options(0))));
        assertOneLine(noVersion);
        assertTrue(noVersion.getMessage().contains("names no version"), noVersion.getMessage());

        Path notAPackage = Files.writeString(work.resolve("notes.tar.zst"), "not a package");
        JackalException refused = assertThrows(PackageLoadException.class, () -> publish(notAPackage, "bad"));
        assertOneLine(refused);

        TestImages.builder()
                .seed(7)
                .layers(1)
                .layerSize(1000)
                .tag("1.0")
                .push(SKOPEO, REGISTRY.registry(), "bad/image", work);
        JackalException image = assertThrows(
                RemotePackageException.class,
                () -> puller.pull(new PullRequest(
                        destination("bad") + "/image:1.0",
                        Optional.of("amd64"),
                        work.resolve("x"),
                        PublishFixtures.options(0))));
        assertOneLine(image);
        assertTrue(image.getMessage().contains("is not a jackal package"), image.getMessage());

        JackalException badDestination =
                assertThrows(RemotePackageException.class, () -> new PackagePublisher(EventHandler.NONE, work)
                        .publish(new PublishRequest(amd64, destination("bad") + ":1.0", PublishFixtures.options(0))));
        assertOneLine(badDestination);
        assertTrue(badDestination.getMessage().contains("is not a publish destination"), badDestination.getMessage());
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertNotEquals("", e.getMessage());
    }

    @Test
    void extraAnnotationsGoToTheManifestAndTheConfigWithoutReplacingThePackagesOwn() throws Exception {
        PublishResult result = new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(amd64, destination("annotated"), PublishFixtures.options(1))
                        .withAnnotations(Map.of(
                                "dev.jackal.maven.coordinates",
                                "com.example:demo:1.0.0:amd64",
                                PackageArtifact.TITLE,
                                "not the name")));

        JsonNode manifest =
                JSON.readTree(SKOPEO.inspectRaw(REGISTRY.registry(), "annotated/demo@" + result.manifest()));
        assertEquals(
                "com.example:demo:1.0.0:amd64",
                manifest.get("annotations").get("dev.jackal.maven.coordinates").asText());
        assertEquals(
                "demo", manifest.get("annotations").get(PackageArtifact.TITLE).asText());
        JsonNode config = JSON.readTree(SKOPEO.inspect(
                        "docker://" + REGISTRY.registry().address() + "/annotated/demo@" + result.manifest(),
                        List.of("--config", "--raw", "--tls-verify=false"))
                .stdout());
        assertEquals(
                "com.example:demo:1.0.0:amd64",
                config.get("annotations").get("dev.jackal.maven.coordinates").asText());

        PublishResult plain = publish(amd64, "plain");
        assertNotEquals(plain.manifest(), result.manifest(), "the annotation is part of the manifest");
    }

    static OciRegistry registry() {
        return REGISTRY.registry();
    }
}
