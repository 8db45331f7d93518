package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.MediaTypes;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.TagCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CreateFingerprint} counts, and which sources make a package never up to date. */
class CreateFingerprintTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    Path pkg;

    @TempDir
    Path cache;

    private CreateFingerprint fingerprint(String components, Map<String, String> set, boolean offline)
            throws Exception {
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                "kind: JackalPackageConfig\nmetadata:\n  name: fp\n  description: \"###JACKAL_PKG_TMPL_X###\"\n"
                        + "components:\n" + components.indent(2));
        return CreateFingerprint.of(
                CreateOptions.builder(pkg)
                        .architecture("amd64")
                        .cacheDir(cache)
                        .set(set)
                        .offline(offline)
                        .build(),
                SkeletonResolver.LOCAL_ONLY);
    }

    private CreateFingerprint local(Map<String, String> set) throws Exception {
        return fingerprint(
                """
                - name: c
                  required: true
                  files:
                    - source: dir
                      target: /opt/dir
                  images:
                    - 127.0.0.1:5000/app@%s
                """
                        .formatted(DIGEST),
                set,
                false);
    }

    @Test
    void localContentSetValuesAndTheDefinitionCountDigestsArePinned() throws Exception {
        Files.createDirectories(pkg.resolve("dir/sub"));
        Files.writeString(pkg.resolve("dir/sub/a.txt"), "one");
        CreateFingerprint first = local(Map.of("X", "1"));
        assertEquals(List.of(), first.unpinned());
        assertEquals("amd64", first.architecture());
        assertEquals(first.value(), local(Map.of("X", "1")).value(), "nothing changed");

        assertNotEquals(first.value(), local(Map.of("X", "2")).value(), "a set value");
        Files.writeString(pkg.resolve("dir/sub/a.txt"), "two");
        CreateFingerprint changed = local(Map.of("X", "1"));
        assertNotEquals(first.value(), changed.value(), "a file's content in a directory source");
        Files.writeString(pkg.resolve("dir/sub/b.txt"), "");
        assertNotEquals(changed.value(), local(Map.of("X", "1")).value(), "a new file in a directory source");
    }

    @Test
    void tagsUnpinnedUrlsBranchesAndActionsAreNeverUpToDate() throws Exception {
        CreateFingerprint fp = fingerprint(
                """
                - name: c
                  required: true
                  files:
                    - source: http://127.0.0.1:1/a.txt
                      target: /a
                    - source: http://127.0.0.1:1/b.txt
                      shasum: %s
                      target: /b
                  repos:
                    - http://127.0.0.1:1/o/r.git
                    - http://127.0.0.1:1/o/r.git@v1.0.0
                  images:
                    - 127.0.0.1:5000/app:1.0
                  actions:
                    onCreate:
                      before:
                        - cmd: "true"
                """
                        .formatted("b".repeat(64)),
                Map.of("X", "1"),
                false);
        assertEquals(
                List.of(
                        "component c, actions.onCreate: what actions do is not tracked",
                        "component c, files[0].source: http://127.0.0.1:1/a.txt has no shasum",
                        "component c, repos[0]: http://127.0.0.1:1/o/r.git names no ref (pin a tag or commit)",
                        "component c, images[0]: 127.0.0.1:5000/app:1.0 is named by a tag (pin it by digest, or build"
                                + " offline)"),
                fp.unpinned());
    }

    @Test
    void offlineATagCountsByItsCachedDigestAndAUrlByItsCachedContent() throws Exception {
        String components =
                """
                - name: c
                  required: true
                  files:
                    - source: http://127.0.0.1:1/a.txt
                      target: /a
                  images:
                    - 127.0.0.1:5000/app:1.0
                """;
        CreateFingerprint uncached = fingerprint(components, Map.of("X", "1"), true);
        assertEquals(2, uncached.unpinned().size(), uncached.unpinned().toString());

        new TagCache(cache.resolve("images"))
                .record(
                        ImageReference.parse("127.0.0.1:5000/app:1.0"),
                        Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.of(DIGEST), 10));
        Path files = Files.createDirectories(cache.resolve(RemoteFiles.DIR));
        Path cachedFile = files.resolve(Digest.sha256("http://127.0.0.1:1/a.txt".getBytes(StandardCharsets.UTF_8))
                .hex());
        Files.writeString(cachedFile, "cached");
        CreateFingerprint cached = fingerprint(components, Map.of("X", "1"), true);
        assertEquals(List.of(), cached.unpinned());

        Files.writeString(cachedFile, "cached, refreshed");
        assertNotEquals(
                cached.value(), fingerprint(components, Map.of("X", "1"), true).value());
        assertTrue(cached.value().matches("[0-9a-f]{64}"));
    }

    @Test
    void aTagFoundInAnImageLayoutCountsByThatEntrysDigest() throws Exception {
        ImageReference reference = ImageReference.parse("127.0.0.1:5000/app:1.0");
        Path layout = pkg.resolve("jib-layout");
        OciLayout.create(layout)
                .addEntry(OciLayout.named(Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.of(DIGEST), 10), reference));
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                "kind: JackalPackageConfig\nmetadata:\n  name: fp\ncomponents:\n  - name: c\n    required: true\n"
                        + "    images:\n      - 127.0.0.1:5000/app:1.0\n");
        CreateOptions.Builder options =
                CreateOptions.builder(pkg).architecture("amd64").cacheDir(cache);
        CreateFingerprint withLayout =
                CreateFingerprint.of(options.imageLayouts(List.of(layout)).build(), SkeletonResolver.LOCAL_ONLY);
        assertEquals(List.of(), withLayout.unpinned());
        CreateFingerprint without =
                CreateFingerprint.of(options.imageLayouts(List.of()).build(), SkeletonResolver.LOCAL_ONLY);
        assertEquals(1, without.unpinned().size(), without.unpinned().toString());
    }

    @Test
    void aTagHeldByAnImageArchiveCountsByTheArchivesBytes() throws Exception {
        Path tar = pkg.resolve("jib-image.tar");
        byte[] index = ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"digest\":\"" + DIGEST + "\",\"size\":10,\"annotations\":{\""
                        + Descriptor.REF_NAME + "\":\"127.0.0.1:5000/app:1.0\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            TarArchiveEntry entry = new TarArchiveEntry("index.json");
            entry.setSize(index.length);
            out.putArchiveEntry(entry);
            out.write(index);
            out.closeArchiveEntry();
        }
        Files.writeString(
                pkg.resolve("jackal.yaml"),
                "kind: JackalPackageConfig\nmetadata:\n  name: fp\ncomponents:\n  - name: c\n    required: true\n"
                        + "    images:\n      - 127.0.0.1:5000/app:1.0\n");
        CreateOptions.Builder options =
                CreateOptions.builder(pkg).architecture("amd64").cacheDir(cache);
        CreateFingerprint first = CreateFingerprint.of(
                options.imageArchives(List.of(ImageArchive.of(tar))).build(), SkeletonResolver.LOCAL_ONLY);
        assertEquals(List.of(), first.unpinned());
        Files.write(tar, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(
                first.value(),
                CreateFingerprint.of(options.build(), SkeletonResolver.LOCAL_ONLY)
                        .value(),
                "the archive's bytes count");
    }
}
