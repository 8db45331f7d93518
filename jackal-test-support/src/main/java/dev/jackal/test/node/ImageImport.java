package dev.jackal.test.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Puts an image from an OCI layout or OCI archive into containerd's {@code k8s.io} namespace under a chosen
 * name ({@code ctr images import}), so that pods find it on the node without any registry.
 */
final class ImageImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private ImageImport() {}

    static void run(Ctr ctr, Path source, String ref, Path workDir) {
        String name = normalize(ref);
        try {
            Path temp = Files.createTempDirectory(workDir, "import");
            Path layout = Files.isDirectory(source) ? source : extract(source, temp.resolve("layout"));
            Path archive = temp.resolve("image.tar");
            writeArchive(layout, entryFor(layout, ref, name), archive);
            ctr.run("images", "import", archive.toString()).requireSuccess();
            deleteTree(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + source + " as " + ref, e);
        }
    }

    /** The name the CRI looks images up by: {@code busybox:1} is {@code docker.io/library/busybox:1}. */
    static String normalize(String ref) {
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        boolean hasHost = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String name = hasHost ? ref : "docker.io/" + (slash < 0 ? "library/" : "") + ref;
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? name : name + ":latest";
    }

    /** The layout's one image, or the one whose ref name is {@code ref} or its tag; renamed to {@code name}. */
    private static ObjectNode entryFor(Path layout, String ref, String name) throws IOException {
        JsonNode manifests =
                JSON.readTree(layout.resolve("index.json").toFile()).path("manifests");
        String tag = ref.substring(ref.lastIndexOf('/') + 1).replaceFirst("^[^:@]*[:@]", "");
        JsonNode chosen = manifests.size() == 1 ? manifests.get(0) : null;
        List<String> names = new ArrayList<>();
        for (JsonNode entry : manifests) {
            String refName = entry.path("annotations").path(REF_NAME).asText("");
            names.add(refName);
            if (chosen == null && (refName.equals(ref) || refName.equals(tag))) {
                chosen = entry;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException(layout + " holds " + manifests.size() + " images " + names
                    + "; none is named '" + ref + "' or '" + tag + "'");
        }
        ObjectNode entry = chosen.deepCopy();
        ObjectNode annotations = entry.putObject("annotations");
        annotations.put(CONTAINERD_NAME, name);
        annotations.put(REF_NAME, name);
        return entry;
    }

    private static void writeArchive(Path layout, ObjectNode entry, Path archive) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").add(entry);
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(
                    tar,
                    "oci-layout",
                    "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            put(tar, "index.json", JSON.writeValueAsBytes(index));
            Path blobs = layout.resolve("blobs");
            try (Stream<Path> files = Files.walk(blobs)) {
                for (Path blob : files.filter(Files::isRegularFile).sorted().toList()) {
                    TarArchiveEntry tarEntry = new TarArchiveEntry(
                            "blobs/" + blobs.relativize(blob).toString().replace('\\', '/'));
                    tarEntry.setSize(Files.size(blob));
                    tar.putArchiveEntry(tarEntry);
                    Files.copy(blob, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static Path extract(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the archive's root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
            }
        }
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new IOException(archive + " is not an OCI archive (no index.json)");
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
