package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.load.RemoteLoad;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ManifestContent;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} and {@code deploy --confirm} of an {@code oci://} package read only the layers they need: a
 * counting TCP proxy in front of a real registry measures every byte the client receives, and that total must not
 * exceed the selected layers plus the index, the manifest and HTTP headers. The component left out carries a file
 * far larger than that bound, so pulling it would fail the test.
 */
class PartialPullTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    static Path work;

    /** HTTP status lines and headers of one request/answer pair, generously. */
    private static final long HEADERS_PER_REQUEST = 1024;

    private static PublishFixtures fixtures;
    private static PublishResult published;
    private static Path archive;

    @BeforeAll
    static void publish() throws Exception {
        fixtures = new PublishFixtures(work, 20_000, 2_000_000);
        archive = fixtures.create("amd64");
        published = new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(
                        archive, "oci://" + REGISTRY.registry().address() + "/partial", PublishFixtures.options(1)));
    }

    private static LoadedPackage load(TcpProxy proxy, RemoteLoad.Scope scope, String components) {
        RemoteOptions options = PublishFixtures.options(1).withConcurrency(2);
        return new PackageLoader(
                        EventHandler.NONE,
                        work,
                        new RemoteLoad(options, Optional.of("amd64"), scope, components, false))
                .load("oci://" + proxy.address() + "/partial/demo:1.0.0", Optional.empty(), false);
    }

    @Test
    void deployOfOneComponentMovesOnlyItsFilesAndImage() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port());
                LoadedPackage loaded = load(proxy, RemoteLoad.Scope.COMPONENTS, "app")) {
            Path root = loaded.layout().root();
            assertTrue(Files.isRegularFile(loaded.layout().componentTar("app")));
            assertFalse(Files.exists(loaded.layout().componentTar("extra")), "the unselected component stays remote");

            OciLayout images = OciLayout.open(loaded.layout().images());
            List<Descriptor> appBlobs = blobsOf(images, fixtures.appImage);
            for (Descriptor blob : appBlobs) {
                assertTrue(images.hasBlob(blob.digest()), "app image blob " + blob);
            }
            Descriptor extraEntry =
                    images.findEntry(ImageReference.parse(fixtures.extraImage)).orElseThrow();
            assertFalse(images.hasBlob(extraEntry.digest()), "the extra image's manifest stays remote");

            long selected = 0;
            int files = 0;
            for (Path file : (Iterable<Path>) Files.walk(root).filter(Files::isRegularFile)::iterator) {
                selected += Files.size(file);
                files++;
            }
            long manifests = published.manifestSize() + published.indexSize();
            // one HEAD/GET pair for the tag, one GET per manifest, one GET per file (redirects add none on this
            // registry)
            int requests = 4 + files;
            long bound = selected + manifests + requests * HEADERS_PER_REQUEST;
            long received = proxy.bytesReceived();
            assertTrue(
                    received <= bound,
                    "received " + received + " bytes; selected files " + selected + ", manifests " + manifests
                            + ", bound " + bound);
            assertTrue(received >= selected, "every selected byte came over the wire: " + received);
            assertTrue(bound < 2_000_000, "the bound is below the size of the component left out: " + bound);
        }
    }

    @Test
    void inspectMovesOnlyTheMetadata() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port());
                LoadedPackage loaded = load(proxy, RemoteLoad.Scope.METADATA, "")) {
            Set<String> present = new java.util.TreeSet<>();
            Path root = loaded.layout().root();
            Files.walk(root)
                    .filter(Files::isRegularFile)
                    .forEach(p -> present.add(root.relativize(p).toString()));
            assertEquals(Set.of("checksums.txt", "jackal.yaml"), present);
            assertEquals("demo", loaded.pkg().metadata().name());
            assertTrue(proxy.bytesReceived() < 20_000, "received " + proxy.bytesReceived());
        }
    }

    @Test
    void everythingLoadsLikeTheArchive() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port());
                LoadedPackage remote = load(proxy, RemoteLoad.Scope.EVERYTHING, "");
                LoadedPackage local = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            assertEquals(local.definitionText(), remote.definitionText());
            assertEquals(
                    Files.readString(local.layout().checksums()),
                    Files.readString(remote.layout().checksums()));
            assertTrue(Files.isRegularFile(remote.layout().componentTar("extra")));
        }
    }

    private static List<Descriptor> blobsOf(OciLayout layout, String image) {
        Descriptor entry = layout.findEntry(ImageReference.parse(image)).orElseThrow();
        ManifestContent manifest = layout.read(entry.digest(), entry.mediaType(), image);
        List<Descriptor> blobs = new ArrayList<>(manifest.blobs());
        blobs.add(entry);
        return blobs;
    }
}
