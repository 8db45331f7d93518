package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.JackalException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.core.remote.RemoteOptions;
import dev.jackal.test.http.TcpProxy;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish whose connection is cut halfway (a TCP proxy in front of a real registry, no retries) fails with one line;
 * running it again sends only what the registry lacks and ends with the digests of a publish that was never
 * interrupted.
 */
class ResumePublishTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    Path work;

    @Test
    void anInterruptedPublishResumesAndConverges() throws Exception {
        PublishFixtures fixtures = new PublishFixtures(work, 1_000_000, 1_000_000);
        Path archive = fixtures.create("amd64");
        RemoteOptions noRetries = PublishFixtures.options(0).withConcurrency(1);
        PackagePublisher publisher = new PackagePublisher(EventHandler.NONE, work);

        PublishResult reference = publisher.publish(
                new PublishRequest(archive, "oci://" + REGISTRY.registry().address() + "/clean", noRetries));

        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", REGISTRY.registry().port())) {
            String destination = "oci://" + proxy.address() + "/resumed";
            proxy.cutOnceAfter(1_500_000);
            JackalException cut = assertThrows(
                    JackalException.class,
                    () -> publisher.publish(new PublishRequest(archive, destination, noRetries)));
            assertTrue(proxy.didCut(), "the proxy cut the upload");
            assertTrue(!cut.getMessage().contains("\n"), cut.getMessage());

            proxy.resetCounts();
            PublishResult resumed = publisher.publish(new PublishRequest(archive, destination, noRetries));
            assertTrue(resumed.blobsPresent() >= 1, "blobs uploaded before the cut are skipped: " + resumed);
            assertTrue(
                    resumed.bytesUploaded() < reference.bytesUploaded(),
                    "the second run sends less than a whole publish: " + resumed.bytesUploaded() + " of "
                            + reference.bytesUploaded());
            assertTrue(proxy.bytesSent() < reference.bytesUploaded(), "bytes on the wire: " + proxy.bytesSent());
            assertEquals(reference.manifest(), resumed.manifest(), "same manifest digest as an uninterrupted publish");
            assertEquals(reference.index(), resumed.index());
        }
    }
}
