package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A split package ({@code .part000}) publishes like the whole archive, and pulls back into one verified archive. */
class SplitPublishTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    Path work;

    @Test
    void aSplitPackagePublishesAndPullsWhole() throws Exception {
        PublishFixtures fixtures = new PublishFixtures(work, 1_200_000, 1_200_000);
        Path part000 = fixtures.create("amd64", Instant.parse("2026-01-02T03:04:05Z"), work.resolve("split"), 1);
        assertTrue(part000.getFileName().toString().endsWith(".part000"), part000.toString());
        assertTrue(Files.exists(Path.of(part000.toString().replace(".part000", ".part002"))), "split in 3+ parts");

        String destination = "oci://" + REGISTRY.registry().address() + "/split";
        PublishResult published = new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(part000, destination, PublishFixtures.options(1)));
        assertTrue(published.blobsUploaded() > 0);

        PullResult pulled = new PackagePuller(EventHandler.NONE, work)
                .pull(new PullRequest(
                        destination + "/demo:1.0.0",
                        Optional.empty(),
                        work.resolve("pulled"),
                        PublishFixtures.options(1)));
        try (LoadedPackage whole = new PackageLoader(EventHandler.NONE, work).load(pulled.archive(), Optional.empty());
                LoadedPackage split = new PackageLoader(EventHandler.NONE, work).load(part000, Optional.empty())) {
            assertEquals(split.definitionText(), whole.definitionText());
            assertEquals(
                    split.pkg().metadata().aggregateChecksum(),
                    whole.pkg().metadata().aggregateChecksum());
        }
    }
}
