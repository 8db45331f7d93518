package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.JackalVersion;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.deploy.CliCompatibility;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCreatorTest {

    @TempDir
    Path pkg;

    @TempDir
    Path out;

    /** Packages in this test carry no images; the image step is exercised where a registry runs. */
    private static final ImageStep NO_IMAGES = (p, dir, o) -> {
        assertTrue(p.components().stream().allMatch(c -> c.images().isEmpty()));
        return List.of();
    };

    private void writePackage() throws Exception {
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: demo
                  version: 1.0.0
                  description: "built for ###JACKAL_PKG_ARCH### by ###JACKAL_PKG_TMPL_TEAM###"
                components:
                  - name: web
                    required: true
                    charts:
                      - name: demo
                        version: 0.1.0
                        namespace: demo
                        localPath: chart/demo
                    manifests:
                      - name: extra
                        files:
                          - cm.yaml
                    files:
                      - source: hello.txt
                        target: /opt/hello.txt
                  - name: arm-only
                    only:
                      cluster:
                        architecture: arm64
                    files:
                      - source: hello.txt
                        target: /opt/arm.txt
                """);
        Files.writeString(pkg.resolve("hello.txt"), "hello\n");
        Files.writeString(pkg.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.createDirectories(pkg.resolve("chart"));
        Helm.create().withName("demo").withDir(pkg.resolve("chart")).call();
    }

    private CreateResult create(Path output) {
        return new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, NO_IMAGES)
                .create(CreateOptions.builder(pkg)
                        .outputDir(output)
                        .cacheDir(out.resolve("cache"))
                        .architecture("amd64")
                        .set(Map.of("TEAM", "platform"))
                        .build());
    }

    @Test
    void createsAVerifiableReproduciblePackage() throws Exception {
        writePackage();
        CreateResult first = create(out.resolve("one"));
        assertEquals(
                "jackal-package-demo-amd64-1.0.0.tar.zst",
                first.archive().getFileName().toString());
        Thread.sleep(1100);
        CreateResult second = create(out.resolve("two"));
        assertEquals(first.aggregateChecksum(), second.aggregateChecksum(), "same definition, same aggregate");

        Path unpacked = out.resolve("unpacked");
        SafeExtractor.extract(first.archive(), unpacked, ExtractOptions.defaults());
        JackalPackage stored = DefinitionReader.read(
                        unpacked.resolve("jackal.yaml"), DefinitionReader.Strictness.LENIENT)
                .pkg();
        assertEquals(first.aggregateChecksum(), stored.metadata().aggregateChecksum());
        assertEquals("built for amd64 by platform", stored.metadata().description());
        assertEquals(
                List.of("web"), stored.components().stream().map(c -> c.name()).toList());
        assertEquals("amd64", stored.build().architecture());
        assertEquals(JackalVersion.LAST_NON_BREAKING, stored.build().lastNonBreakingVersion());
        assertEquals(Optional.empty(), CliCompatibility.warning(stored, "0.1.0"), "this jackal deploys what it built");
        assertTrue(CliCompatibility.warning(stored, "0.0.9").isPresent(), "an older jackal is warned");
        Checksums.verify(unpacked, stored.metadata().aggregateChecksum());
        assertTrue(Files.exists(unpacked.resolve("components/web.tar")));
        assertTrue(Files.exists(unpacked.resolve("sboms.tar")));
        String listing = new String(new ProcessBuilder(
                        "tar", "-tf", unpacked.resolve("components/web.tar").toString())
                .start()
                .getInputStream()
                .readAllBytes());
        assertTrue(listing.contains("web/charts/demo-0.1.0.tgz"), listing);
        assertTrue(listing.contains("web/files/0/hello.txt"), listing);
        assertTrue(listing.contains("web/manifests/extra-0.yaml"), listing);
    }

    @Test
    void splitsIntoParts() throws Exception {
        writePackage();
        Files.write(
                pkg.resolve("hello.txt"),
                new java.util.Random(1)
                        .ints(3_000_000)
                        .collect(java.io.ByteArrayOutputStream::new, (s, i) -> s.write(i), (a, b) -> {})
                        .toByteArray());
        CreateResult result = new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, NO_IMAGES)
                .create(CreateOptions.builder(pkg)
                        .outputDir(out)
                        .cacheDir(out.resolve("cache"))
                        .architecture("amd64")
                        .set(Map.of("TEAM", "t"))
                        .maxPackageSizeMb(1)
                        .build());
        assertTrue(
                result.archive().getFileName().toString().endsWith(".tar.zst.part000"),
                result.files().toString());
        assertTrue(result.files().size() >= 3, result.files().toString());
    }

    @Test
    void buildDataNamesNoHostOrUserUnlessAsked() throws Exception {
        writePackage();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        String user = System.getProperty("user.name");
        String plain = buildSection(createWith(out.resolve("plain"), false));
        assertTrue(!plain.contains("terminal:") && !plain.contains("user:"), plain);
        assertTrue(!plain.contains(host) && !plain.contains(user), plain);

        JackalPackage recorded = storedDefinition(createWith(out.resolve("recorded"), true));
        assertEquals(host, recorded.build().terminal());
        assertEquals(user, recorded.build().user());
    }

    private CreateResult createWith(Path output, boolean recordBuilder) {
        return new PackageCreator(EventHandler.NONE, SkeletonResolver.LOCAL_ONLY, NO_IMAGES)
                .create(CreateOptions.builder(pkg)
                        .outputDir(output)
                        .cacheDir(out.resolve("cache"))
                        .architecture("amd64")
                        .set(Map.of("TEAM", "t"))
                        .recordBuilder(recordBuilder)
                        .build());
    }

    private Path unpack(CreateResult result) throws Exception {
        Path unpacked = Files.createTempDirectory(out, "unpacked");
        SafeExtractor.extract(result.archive(), unpacked, ExtractOptions.defaults());
        return unpacked;
    }

    /** The {@code build:} block of the written {@code jackal.yaml}, as text. */
    private String buildSection(CreateResult result) throws Exception {
        String yaml = Files.readString(unpack(result).resolve("jackal.yaml"));
        int start = yaml.indexOf("\nbuild:");
        assertTrue(start >= 0, yaml);
        int end = yaml.indexOf("\n", start + 1);
        while (end >= 0 && end + 1 < yaml.length() && yaml.charAt(end + 1) == ' ') {
            end = yaml.indexOf("\n", end + 1);
        }
        return yaml.substring(start, end < 0 ? yaml.length() : end);
    }

    private JackalPackage storedDefinition(CreateResult result) throws Exception {
        return DefinitionReader.read(unpack(result).resolve("jackal.yaml"), DefinitionReader.Strictness.LENIENT)
                .pkg();
    }
}
