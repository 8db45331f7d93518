package dev.jackal.core.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.fetch.Downloader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path layout;

    private String blob(byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(layout.resolve("blobs/sha256"));
        Path temp = dir.resolve("tmp");
        Files.write(temp, bytes);
        String hex = Downloader.sha256(temp);
        Files.move(temp, dir.resolve(hex));
        return "sha256:" + hex;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] body) throws Exception {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(body.length);
        tar.putArchiveEntry(entry);
        tar.write(body);
        tar.closeArchiveEntry();
    }

    private String imageWithPackages() throws Exception {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.example/demo/pom.properties"));
            zip.write("groupId=org.example\nartifactId=demo\nversion=1.2.3\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(layer);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            add(
                    tar,
                    "var/lib/dpkg/status",
                    """
                    Package: bash
                    Status: install ok installed
                    Architecture: amd64
                    Version: 5.2.15-2

                    Package: removed
                    Status: deinstall ok config-files
                    Version: 1.0

                    Package: zlib1g
                    Status: install ok installed
                    Version: 1:1.2.13
                    """
                            .getBytes(StandardCharsets.UTF_8));
            add(
                    tar,
                    "lib/apk/db/installed",
                    "P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r5\n".getBytes(StandardCharsets.UTF_8));
            add(tar, "app/lib/demo.jar", jar.toByteArray());
        }
        byte[] layerBytes = layer.toByteArray();
        String layerDigest = blob(layerBytes);
        String config = blob("{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
        String manifest =
                """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":37},
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}
                """
                        .formatted(config, layerDigest, layerBytes.length);
        return blob(manifest.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void imageSbomListsLayersAndThePackagesInThem() throws Exception {
        String digest = imageWithPackages();
        String json = Sboms.image(layout, "docker.io/library/app:1.0", digest).orElseThrow();
        JsonNode bom = JSON.readTree(json);
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        JsonNode subject = bom.path("metadata").path("component");
        assertEquals("container", subject.path("type").asText());
        assertEquals("docker.io/library/app:1.0", subject.path("name").asText());
        assertEquals(digest, subject.path("version").asText());
        assertTrue(subject.path("properties").toString().contains("jackal:layer:000"), subject.toString());
        List<String> purls = new ArrayList<>();
        bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
        assertEquals(
                List.of(
                        "pkg:apk/alpine/busybox@1.36.1-r5",
                        "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64",
                        "pkg:deb/debian/bash@5.2.15-2?arch=amd64",
                        "pkg:deb/debian/zlib1g@1:1.2.13",
                        "pkg:maven/org.example/demo@1.2.3"),
                purls);
        assertEquals(
                json, Sboms.image(layout, "docker.io/library/app:1.0", digest).orElseThrow(), "deterministic");
    }

    @Test
    void artifactWithoutImageLayersHasNoSbom() throws Exception {
        String layer = blob("chart".getBytes(StandardCharsets.UTF_8));
        String manifest =
                blob(("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\","
                                + "\"digest\":\"" + layer + "\",\"size\":5},\"layers\":[{\"mediaType\":"
                                + "\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\"" + layer
                                + "\",\"size\":5}]}")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(Sboms.image(layout, "ghcr.io/x/chart:1.0", manifest).isEmpty());
    }

    @Test
    void componentSbomHashesEveryFile(@TempDir Path component) throws Exception {
        Files.createDirectories(component.resolve("files/0"));
        Files.writeString(component.resolve("files/0/hello.txt"), "hello\n");
        JsonNode bom = JSON.readTree(Sboms.component("web", component));
        assertEquals(
                "jackal-component-web",
                bom.path("metadata").path("component").path("name").asText());
        JsonNode file = bom.path("components").get(0);
        assertEquals("files/0/hello.txt", file.path("name").asText());
        assertEquals(
                Downloader.sha256(component.resolve("files/0/hello.txt")),
                file.path("hashes").get(0).path("content").asText());
    }

    @Test
    void fileNamesFollowTheSpec() {
        assertEquals(
                "ghcr.io_stefanprodan_podinfo_6.4.0.json", Sboms.imageFileName("ghcr.io/stefanprodan/podinfo:6.4.0"));
        assertEquals("jackal-component-web.json", Sboms.componentFileName("web"));
    }

    @Test
    void dependencyTreeBecomesMavenLibraries() throws Exception {
        JsonNode bom = JSON.readTree(
                Sboms.dependencies("org.example:app:1.0", List.of("org.yaml:snakeyaml:2.5", "com.example:lib:0.1")));
        assertEquals(
                "org.example:app:1.0",
                bom.path("metadata").path("component").path("name").asText());
        List<String> purls = new ArrayList<>();
        bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
        assertEquals(List.of("pkg:maven/com.example/lib@0.1", "pkg:maven/org.yaml/snakeyaml@2.5"), purls);
    }
}
