package dev.jackal.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.fetch.Downloader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jackal-package-<classifier>.json} next to the package (like Jib's {@code jib-image.json}): the file (or
 * parts) with size and SHA-256, the aggregate checksum, architecture, flavor and the fingerprint of the inputs it was
 * built from ({@code null} when the inputs are not pinned, so it is never taken as up to date).
 */
final class PackageRecord {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PackageRecord() {}

    /** Where the record of {@code classifier} lives. */
    static Path path(Path outputDir, String classifier) {
        return outputDir.resolve("jackal-package-" + classifier + ".json");
    }

    /** Writes the record of a package just built. */
    static void write(
            Path record,
            String fingerprint,
            String architecture,
            String flavor,
            String aggregateChecksum,
            List<Path> files) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", files.get(0).getFileName().toString());
        root.put("sha256", files.size() == 1 ? Downloader.sha256(files.get(0)) : null);
        root.put("aggregateChecksum", aggregateChecksum);
        root.put("architecture", architecture);
        root.put("flavor", flavor);
        root.put("fingerprint", fingerprint);
        ArrayNode list = root.putArray("files");
        try {
            for (Path file : files) {
                ObjectNode entry = list.addObject();
                entry.put("name", file.getFileName().toString());
                entry.put("size", Files.size(file));
                entry.put("sha256", files.size() == 1 ? root.get("sha256").asText() : Downloader.sha256(file));
                entry.put("modified", Files.getLastModifiedTime(file).toMillis());
            }
            Files.write(record, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + record + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files of the package the record at {@code record} describes, when it was built from inputs with this
     * {@code fingerprint} and every file is still there, unchanged in size and modification time.
     */
    static Optional<List<Path>> upToDate(Path record, String fingerprint) {
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(record.toFile());
            if (!fingerprint.equals(root.path("fingerprint").asText(null))) {
                return Optional.empty();
            }
            List<Path> files = new ArrayList<>();
            for (JsonNode entry : root.path("files")) {
                Path file = record.resolveSibling(entry.path("name").asText());
                if (!Files.isRegularFile(file)
                        || Files.size(file) != entry.path("size").asLong(-1)
                        || Files.getLastModifiedTime(file).toMillis()
                                != entry.path("modified").asLong(-1)) {
                    return Optional.empty();
                }
                files.add(file);
            }
            return files.isEmpty() ? Optional.empty() : Optional.of(files);
        } catch (IOException e) {
            return Optional.empty(); // unreadable: build again, which rewrites it
        }
    }
}
