package dev.jackal.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleTarTest {

    private static final String LONG_NAME = "x".repeat(120) + "/" + "y".repeat(110) + ".yaml";

    @TempDir
    Path temp;

    private Path component() throws IOException {
        Path root = temp.resolve("build/web");
        Trees.mode(Trees.write(root, "files/0/run.sh", "#!/bin/sh\necho hi\n"), "rwx------");
        Trees.mode(Trees.write(root, "files/1/config.txt", "a=b\n"), "rw-------");
        Trees.write(root, "manifests/deploy-0.yaml", "kind: Deployment\n");
        Trees.write(root, "B", "upper case sorts first\n");
        Trees.write(root, "a.txt", "after the directory a\n");
        Trees.write(root, "a/b", "inside a\n");
        Trees.write(root, LONG_NAME, "long\n");
        Files.createSymbolicLink(root.resolve("files/latest"), Path.of("1/config.txt"));
        return root;
    }

    @Test
    void sameTreeGivesSameBytesEvenAfterTouchingMtimes() throws IOException {
        Path root = component();
        ReproducibleTar.write(root, "web", temp.resolve("first.tar"));
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2031-05-06T07:08:09.123Z")));
                }
            }
        }
        ReproducibleTar.write(root, "web", temp.resolve("second.tar"));
        assertArrayEquals(
                Files.readAllBytes(temp.resolve("first.tar")), Files.readAllBytes(temp.resolve("second.tar")));
    }

    @Test
    void entriesArePrefixedInLexicalWalkOrderWithNormalisedHeaders() throws IOException {
        ReproducibleTar.write(component(), "web", temp.resolve("web.tar"));
        List<TarArchiveEntry> entries = read(temp.resolve("web.tar"));
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(
                List.of(
                        "web/",
                        "web/B",
                        "web/a/",
                        "web/a/b",
                        "web/a.txt",
                        "web/files/",
                        "web/files/0/",
                        "web/files/0/run.sh",
                        "web/files/1/",
                        "web/files/1/config.txt",
                        "web/files/latest",
                        "web/manifests/",
                        "web/manifests/deploy-0.yaml",
                        "web/" + LONG_NAME.substring(0, LONG_NAME.indexOf('/') + 1),
                        "web/" + LONG_NAME),
                names);
        for (TarArchiveEntry entry : entries) {
            assertEquals(0, entry.getModTime().getTime(), entry.getName());
            assertEquals(0, entry.getLongUserId(), entry.getName());
            assertEquals(0, entry.getLongGroupId(), entry.getName());
            assertEquals("", entry.getUserName(), entry.getName());
            assertEquals("", entry.getGroupName(), entry.getName());
            assertTrue(entry.getExtraPaxHeaders().isEmpty(), entry.getName() + ": " + entry.getExtraPaxHeaders());
        }
        assertEquals(0700, mode(entries, "web/files/0/run.sh"));
        assertEquals(0600, mode(entries, "web/files/1/config.txt"));
        TarArchiveEntry link = entries.get(names.indexOf("web/files/latest"));
        assertTrue(link.isSymbolicLink());
        assertEquals("1/config.txt", link.getLinkName());
    }

    @Test
    void withoutPrefixTheChildrenSitAtTheRoot() throws IOException {
        Path sboms = temp.resolve("jackal-sbom");
        Trees.write(sboms, "jackal-component-web.json", "{}");
        Trees.write(sboms, "docker.io_library_nginx_1.25.json", "{}");
        ReproducibleTar.write(sboms, "", temp.resolve("sboms.tar"));
        List<String> names = read(temp.resolve("sboms.tar")).stream()
                .map(TarArchiveEntry::getName)
                .toList();
        assertEquals(List.of("docker.io_library_nginx_1.25.json", "jackal-component-web.json"), names);
    }

    @Test
    void gnuTarReadsItWithoutWarnings() throws IOException {
        ReproducibleTar.write(component(), "web", temp.resolve("web.tar"));
        Exec.Result listing = Exec.run(List.of(
                        "tar",
                        "--numeric-owner",
                        "-tvf",
                        temp.resolve("web.tar").toString()))
                .requireSuccess();
        assertEquals("", listing.stderr());
        assertTrue(listing.stdout().contains("web/" + LONG_NAME), listing.stdout());
        assertTrue(listing.stdout().contains("web/files/latest -> 1/config.txt"), listing.stdout());
        assertTrue(listing.stdout().contains("1970-01-01 00:00"), listing.stdout());
        assertTrue(listing.stdout().contains("-rwx------ 0/0"), listing.stdout());
    }

    @Test
    void bytesEqualWhatCommonsCompressWritesForTheSameHeaders() throws IOException {
        Path root = component();
        ReproducibleTar.write(root, "web", temp.resolve("ours.tar"));
        try (OutputStream file = Files.newOutputStream(temp.resolve("reference.tar"));
                TarArchiveOutputStream reference = new TarArchiveOutputStream(file, "UTF-8")) {
            reference.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry : read(temp.resolve("ours.tar"))) {
                reference.putArchiveEntry(entry);
                if (entry.getSize() > 0) {
                    reference.write(
                            Files.readAllBytes(root.resolve(entry.getName().substring("web/".length()))));
                }
                reference.closeArchiveEntry();
            }
        }
        assertArrayEquals(
                Files.readAllBytes(temp.resolve("reference.tar")), Files.readAllBytes(temp.resolve("ours.tar")));
    }

    private static int mode(List<TarArchiveEntry> entries, String name) {
        return entries.stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getMode();
    }

    static List<TarArchiveEntry> read(Path tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream file = Files.newInputStream(tar);
                TarArchiveInputStream in = new TarArchiveInputStream(file)) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
