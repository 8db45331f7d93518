package dev.jackal.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.JackalException;
import dev.jackal.core.OfflineException;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.model.Component;
import dev.jackal.core.remote.PublishResult;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import.url: oci://…} (spec §3.6): a skeleton published to a real registry is pulled, verified and composed
 * into a consumer's package, its local assets with it; a wrong tag or a URL that is not {@code oci://} is one line.
 * Offline, with the registry stopped, the skeleton an online create pulled comes from the cache with a warning, and
 * one never pulled (or whose unpack was interrupted) is one line ending "offline and not cached".
 */
class ImportUrlTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    Path work;

    private Path producer() throws Exception {
        Path dir = Files.createDirectories(work.resolve("producer"));
        Files.writeString(dir.resolve("schema.sql"), "create table t (id int);\n");
        Files.writeString(
                dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  a: b\n");
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: postgres
                  version: 3.2.0
                components:
                  - name: postgres
                    required: true
                    manifests:
                      - name: db
                        namespace: db
                        files:
                          - cm.yaml
                    files:
                      - source: schema.sql
                        target: /opt/db/schema.sql
                """);
        return dir;
    }

    private Path consumer(String url) throws Exception {
        Path dir = Files.createDirectories(work.resolve("consumer"));
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shop
                  version: 1.0.0
                components:
                  - name: db
                    required: true
                    import:
                      url: %s
                      name: postgres
                """
                        .formatted(url));
        return dir;
    }

    private CreateResult create(Path consumer) {
        return create(consumer, false, work.resolve("cache"), EventHandler.NONE);
    }

    private CreateResult create(Path consumer, boolean offline, Path cache, EventHandler events) {
        ImageStep noImages = (pkg, images, options) -> List.of();
        CreateOptions options = CreateOptions.builder(consumer)
                .outputDir(work.resolve("out"))
                .architecture("amd64")
                .cacheDir(cache)
                .plainHttp(true)
                .skipSbom(true)
                .offline(offline)
                .build();
        return new PackageCreator(
                        events, OciSkeletons.forCreate(events, options, SkeletonResolver.LOCAL_ONLY), noImages)
                .create(options);
    }

    @Test
    void aPublishedSkeletonIsImportedByItsOciUrl() throws Exception {
        String repository = "oci://" + REGISTRY.registry().address() + "/skeletons";
        PublishResult published = new PackagePublisher(EventHandler.NONE, work)
                .publish(new PublishRequest(producer(), repository, PublishFixtures.options(1)));
        assertEquals("skeleton", published.architecture());

        CreateResult created = create(consumer(repository + "/postgres:3.2.0"));

        Component db = created.pkg().components().get(0);
        assertEquals("db", db.name());
        Path pkgDir = work.resolve("unpacked");
        SafeExtractor.extract(created.archive(), pkgDir, ExtractOptions.defaults());
        SafeExtractor.extract(pkgDir.resolve("components/db.tar"), pkgDir, ExtractOptions.defaults());
        assertEquals("create table t (id int);\n", Files.readString(pkgDir.resolve("db/files/0/schema.sql")));
        try (var manifests = Files.list(pkgDir.resolve("db/manifests"))) {
            assertTrue(
                    manifests.anyMatch(p -> p.getFileName().toString().startsWith("db-")),
                    "the skeleton's manifest is in the package");
        }
    }

    @Test
    void aMissingTagAndANonOciUrlAreOneLineAtTheImport() throws Exception {
        String missing = "oci://" + REGISTRY.registry().address() + "/skeletons/nothing:9.9.9";
        JackalException e = assertThrows(JackalException.class, () -> create(consumer(missing)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("import.url"), e.getMessage());
        assertTrue(e.getMessage().contains(missing), e.getMessage());

        Files.delete(work.resolve("consumer/jackal.yaml"));
        JackalException notOci =
                assertThrows(JackalException.class, () -> create(consumer("https://example.invalid/s.tar.zst")));
        assertTrue(notOci.getMessage().contains("must start with oci://"), notOci.getMessage());
    }

    @Test
    void offlineAPulledSkeletonComesFromTheCacheWithTheRegistryStopped() throws Exception {
        Path cache = work.resolve("cache");
        String url;
        CreateResult online;
        try (OciRegistry registry = OciRegistry.start(OciRegistry.Variant.PLAIN)) {
            String repository = "oci://" + registry.address() + "/skeletons";
            new PackagePublisher(EventHandler.NONE, work)
                    .publish(new PublishRequest(producer(), repository, PublishFixtures.options(1)));
            url = repository + "/postgres:3.2.0";
            online = create(consumer(url), false, cache, EventHandler.NONE);
        }

        // the registry is gone: only the cache can give the skeleton
        List<String> warnings = new CopyOnWriteArrayList<>();
        EventHandler events = event -> {
            if (event instanceof LogEvent log && log.level() == LogEvent.Level.WARN) {
                warnings.add(log.message());
            }
        };
        Path consumer = work.resolve("consumer");
        CreateResult offline = create(consumer, true, cache, events);
        assertEquals("db", offline.pkg().components().get(0).name());
        assertEquals(online.aggregateChecksum(), offline.aggregateChecksum(), "the same skeleton, from the cache");
        List<String> fromCache = warnings.stream()
                .filter(w -> w.startsWith("offline: skeleton " + url + " is taken from the cache (pulled "))
                .toList();
        assertEquals(1, fromCache.size(), warnings.toString());
        assertTrue(fromCache.get(0).contains(", archive sha256:"), fromCache.get(0));

        // never pulled: one line at the import, an OfflineException for the front end to add how to fill the cache
        OfflineException missing =
                assertThrows(OfflineException.class, () -> create(consumer, true, work.resolve("empty-cache"), events));
        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
        assertTrue(
                missing.getMessage()
                        .matches(".*jackal\\.yaml:\\d+:\\d+: components\\[0]\\.import\\.url: skeleton "
                                + Pattern.quote(url) + ": offline and not cached"),
                missing.getMessage());

        // an unpack without its marker (written last) was interrupted: it is not trusted
        Path unpacked;
        try (Stream<Path> dirs = Files.list(cache.resolve("skeletons"))) {
            unpacked = dirs.findFirst().orElseThrow().resolve("unpacked");
        }
        Files.delete(unpacked.resolve(".jackal-skeleton.sha256"));
        assertTrue(Files.isRegularFile(unpacked.resolve("jackal.yaml")), "the rest of the unpack is still there");
        OfflineException interrupted =
                assertThrows(OfflineException.class, () -> create(consumer, true, cache, events));
        assertTrue(interrupted.getMessage().endsWith(": offline and not cached"), interrupted.getMessage());
    }
}
