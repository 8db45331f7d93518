package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What pulling into a layout must do against every registry variant (plain, Basic auth, TLS with auth); each
 * variant's test class extends this. Sources are pushed byte for byte by skopeo; results are checked by digest,
 * by reading the layout with skopeo, and by pushing it back and asking the registry.
 */
abstract class ImageCopierContract {

    final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    abstract OciRegistry registry();

    RegistryClient client() {
        return OciFixtures.clientFor(registry());
    }

    PullResult pull(OciLayout layout, PullOptions options, ImageReference... references) {
        return new ImageCopier(client(), work.resolve("cache")).pull(List.of(references), layout, options);
    }

    OciLayout layout(String name) {
        return OciLayout.create(work.resolve(name));
    }

    @Test
    void pullsAnOciImageByTagByteForByte() throws Exception {
        TestImage image =
                TestImages.builder().layers(2).seed(11).tag("1.0").push(skopeo, registry(), "oci/tagged", work);
        ImageReference ref = OciFixtures.ref(registry(), "oci/tagged:1.0");
        OciLayout layout = layout("out");

        PullResult result = pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = result.images().get(0).descriptor();
        assertEquals(image.digest(), entry.digest().toString());
        assertEquals(MediaTypes.OCI_MANIFEST, entry.mediaType());
        assertEquals(ref.toString(), entry.annotations().get(Descriptor.BASE_NAME));
        assertEquals(List.of(entry), layout.entries());
        assertEquals(3, result.blobsDownloaded(), "config and two layers");
        assertBlobsIntact(layout, image.layerDigests());
        String source = skopeo.inspectRaw(registry(), "oci/tagged:1.0");
        assertEquals(source, Files.readString(layout.blobPath(entry.digest())), "manifest bytes unchanged");
        Exec.Result fromLayout = skopeo.inspect("oci:" + layout.directory() + ":" + ref, List.of("--raw"));
        assertEquals(0, fromLayout.exitCode(), fromLayout.stderr());
        assertEquals(image.digest(), OciFixtures.sha256(fromLayout.stdout()));
    }

    @Test
    void pullsAnOciImageByDigest() throws Exception {
        TestImage image = TestImages.builder().seed(12).tag("1.0").push(skopeo, registry(), "oci/digested", work);
        ImageReference ref = OciFixtures.ref(registry(), "oci/digested@" + image.digest());
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(image.digest(), entry.digest().toString());
        assertEquals(
                registry().address() + "/oci/digested@" + image.digest(),
                entry.annotations().get(Descriptor.BASE_NAME));
        assertBlobsIntact(layout, image.layerDigests());
    }

    @Test
    void pullsADockerV2ImageKeepingItsTypeAndDigest() throws Exception {
        TestImage image = TestImages.builder()
                .format(TestImages.Format.DOCKER_V2)
                .layers(2)
                .seed(13)
                .tag("v2")
                .push(skopeo, registry(), "docker/single", work);
        ImageReference ref = OciFixtures.ref(registry(), "docker/single:v2");
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(MediaTypes.DOCKER_MANIFEST, entry.mediaType());
        assertEquals(image.digest(), entry.digest().toString());
        assertEquals(image.digest(), OciFixtures.sha256(layout.blobPath(entry.digest())));
        assertBlobsIntact(layout, image.layerDigests());

        ImageReference back = OciFixtures.ref(registry(), "roundtrip/docker-single:v2");
        OciCopy.copy(layout, ref, client(), back);
        assertEquals(image.digest(), OciFixtures.sha256(skopeo.inspectRaw(registry(), "roundtrip/docker-single:v2")));
    }

    @Test
    void tagOfAnOciIndexStoresOnlyTheWantedPlatform() throws Exception {
        TestImage image = TestImages.builder()
                .platforms("linux/amd64", "linux/arm64")
                .seed(14)
                .tag("multi")
                .push(skopeo, registry(), "oci/index", work);
        ImageReference ref = OciFixtures.ref(registry(), "oci/index:multi");
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("arm64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(image.manifestDigests().get(1), entry.digest().toString(), "the arm64 manifest");
        assertEquals(MediaTypes.OCI_MANIFEST, entry.mediaType());
        assertEquals("arm64", entry.platform().orElseThrow().architecture());
        assertFalse(layout.hasBlob(Digest.of(image.digest())), "the index is not stored");
        assertFalse(layout.hasBlob(Digest.of(image.manifestDigests().get(0))), "nor the amd64 manifest");
        assertFalse(layout.hasBlob(Digest.of(image.layerDigests().get(0))), "nor its layer");
        assertBlobsIntact(layout, List.of(image.layerDigests().get(1)));
    }

    @Test
    void digestOfAnOciIndexKeepsTheWholeIndex() throws Exception {
        TestImage image = TestImages.builder()
                .platforms("linux/amd64", "linux/arm64")
                .seed(15)
                .tag("multi")
                .push(skopeo, registry(), "oci/whole", work);
        ImageReference ref = OciFixtures.ref(registry(), "oci/whole@" + image.digest());
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(MediaTypes.OCI_INDEX, entry.mediaType());
        assertEquals(image.digest(), entry.digest().toString());
        for (String manifest : image.manifestDigests()) {
            assertEquals(manifest, OciFixtures.sha256(layout.blobPath(Digest.of(manifest))));
        }
        assertBlobsIntact(layout, image.layerDigests());

        skopeo.copyTo(
                "oci:" + layout.directory() + ":" + ref,
                registry(),
                "roundtrip/oci-whole:copied",
                List.of("--all", "--preserve-digests"));
        assertEquals(image.digest(), OciFixtures.sha256(skopeo.inspectRaw(registry(), "roundtrip/oci-whole:copied")));
    }

    @Test
    void tagOfADockerManifestListStoresTheDockerManifestOfThePlatform() throws Exception {
        TestImage image = TestImages.builder()
                .format(TestImages.Format.DOCKER_V2)
                .platforms("linux/amd64", "linux/arm64")
                .seed(16)
                .tag("list")
                .push(skopeo, registry(), "docker/list", work);
        ImageReference ref = OciFixtures.ref(registry(), "docker/list:list");
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(MediaTypes.DOCKER_MANIFEST, entry.mediaType());
        assertEquals(image.manifestDigests().get(0), entry.digest().toString());
        assertFalse(layout.hasBlob(Digest.of(image.digest())));
    }

    @Test
    void digestOfADockerManifestListKeepsTheWholeList() throws Exception {
        TestImage image = TestImages.builder()
                .format(TestImages.Format.DOCKER_V2)
                .platforms("linux/amd64", "linux/arm64")
                .seed(17)
                .tag("list")
                .push(skopeo, registry(), "docker/wholelist", work);
        ImageReference ref = OciFixtures.ref(registry(), "docker/wholelist@" + image.digest());
        OciLayout layout = layout("out");

        pull(layout, PullOptions.forArchitecture("amd64"), ref);

        Descriptor entry = layout.findEntry(ref).orElseThrow();
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, entry.mediaType());
        assertEquals(image.digest(), OciFixtures.sha256(layout.blobPath(entry.digest())));
        for (String manifest : image.manifestDigests()) {
            assertEquals(manifest, OciFixtures.sha256(layout.blobPath(Digest.of(manifest))));
        }
        assertBlobsIntact(layout, image.layerDigests());

        ImageReference back = OciFixtures.ref(registry(), "roundtrip/docker-list:pushed");
        Descriptor pushed = OciCopy.copy(layout, ref, client(), back);
        assertEquals(image.digest(), pushed.digest().toString());
        assertEquals(image.digest(), OciFixtures.sha256(skopeo.inspectRaw(registry(), "roundtrip/docker-list:pushed")));
        for (String manifest : image.manifestDigests()) {
            String raw = skopeo.inspectRaw(registry(), "roundtrip/docker-list@" + manifest);
            assertEquals(manifest, OciFixtures.sha256(raw));
        }
    }

    @Test
    void severalImagesShareOneLayoutInRequestOrder() throws Exception {
        TestImage first = TestImages.builder().seed(18).tag("a").push(skopeo, registry(), "shared/app", work);
        TestImage second = TestImages.builder()
                .format(TestImages.Format.DOCKER_V2)
                .seed(19)
                .tag("b")
                .push(skopeo, registry(), "shared/other", work);
        ImageReference a = OciFixtures.ref(registry(), "shared/app:a");
        ImageReference b = OciFixtures.ref(registry(), "shared/other:b");
        ImageReference aByDigest = OciFixtures.ref(registry(), "shared/app@" + first.digest());
        OciLayout layout = layout("out");

        PullResult result = pull(layout, PullOptions.forArchitecture("amd64"), b, a, aByDigest, a);

        assertEquals(
                List.of(b.toString(), a.toString(), aByDigest.toString()),
                layout.entries().stream()
                        .map(e -> e.annotations().get(Descriptor.BASE_NAME))
                        .toList());
        assertEquals(4, result.blobsDownloaded(), "two configs and two layers, each once");
        assertEquals(second.digest(), layout.findEntry(b).orElseThrow().digest().toString());
    }

    @Test
    void aMissingTagIsNotFound() {
        ImageReference ref = OciFixtures.ref(registry(), "nothing/here:1.0");
        ImageNotFoundException e = assertThrows(
                ImageNotFoundException.class, () -> pull(layout("out"), PullOptions.forArchitecture("amd64"), ref));
        assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void listsTags() {
        TestImages.builder().seed(20).tag("t1").push(skopeo, registry(), "tags/app", work);
        TestImages.builder().seed(20).tag("t2").push(skopeo, registry(), "tags/app", work);
        assertEquals(
                List.of("t1", "t2"),
                client().tags(OciFixtures.ref(registry(), "tags/app:t1")).stream()
                        .sorted()
                        .toList());
    }

    @Test
    void listsTheCatalogPageByPage() {
        List<String> pushed = List.of("catalog/a", "catalog/b", "catalog/c");
        for (String repository : pushed) {
            TestImages.builder().seed(21).tag("1").push(skopeo, registry(), repository, work);
        }

        List<String> all = client().catalog(registry().address());
        // pages of at most two names: three or more can only come back by following the Link header
        List<String> paged = client().catalog(registry().address(), 2);

        assertTrue(all.containsAll(pushed), all.toString());
        assertEquals(all.stream().sorted().toList(), all, "in the registry's (lexical) order");
        assertEquals(all, paged, "the pages add up to the whole catalog, each name once");
    }

    static void assertBlobsIntact(OciLayout layout, List<String> digests) throws Exception {
        for (String digest : digests) {
            Path blob = layout.blobPath(Digest.of(digest));
            assertTrue(Files.isRegularFile(blob), "missing " + digest);
            assertEquals(digest, OciFixtures.sha256(blob));
        }
    }
}
