package dev.jackal.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.InputStamps;
import dev.jackal.core.fetch.Downloader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code jackal-package-<classifier>.json} next to the package (like Jib's {@code jib-image.json}): the file (or
 * parts) with size and SHA-256, the aggregate checksum, architecture, flavor and the fingerprint of the inputs it was
 * built from ({@code null} when the inputs are not pinned, so it is never taken as up to date).
 */
final class PackageRecord {

    private static final String PREFIX = "jackal-package-";
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PackageRecord() {}

    /** Where the record of {@code classifier} lives. */
    static Path path(Path outputDir, String classifier) {
        return outputDir.resolve(PREFIX + classifier + SUFFIX);
    }

    /**
     * The records a package execution may have written into {@code outputDir}: the one of its classifier when the
     * architecture is explicit, else every record there (the definition settles the architecture).
     */
    static List<Path> candidates(Path outputDir, String architecture, String flavor) {
        if (architecture != null && !architecture.isEmpty()) {
            return List.of(path(outputDir, PackageRun.classifier(architecture, flavor)));
        }
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outputDir)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The classifier a record belongs to, from its name. */
    static String classifier(Path record) {
        String name = record.getFileName().toString();
        return name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    }

    /** Writes the record of a package just built. */
    static void write(
            Path record,
            String fingerprint,
            InputStamps stamps,
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
        putStamps(root, fingerprint == null ? null : stamps);
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
            return unchangedFiles(record, root);
        } catch (IOException e) {
            return Optional.empty(); // unreadable: build again, which rewrites it
        }
    }

    /**
     * The files of the package the record at {@code record} describes, when the record holds a fingerprint and the
     * {@link InputStamps} it was taken with, a create with {@code options} would read exactly those inputs, and every
     * file is unchanged: up to date without reading the definition.
     */
    static Optional<List<Path>> upToDateByStamps(Path record, CreateOptions options) {
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(record.toFile());
            JsonNode stamps = root.path("stamps");
            if (root.path("fingerprint").asText(null) == null || !stamps.isObject()) {
                return Optional.empty();
            }
            Map<String, String> files = new TreeMap<>();
            stamps.path("files")
                    .fields()
                    .forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
            InputStamps recorded = new InputStamps(
                    stamps.path("settings").asText(),
                    files,
                    Instant.parse(stamps.path("taken").asText()));
            return recorded.unchanged(options) ? unchangedFiles(record, root) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from another version: the fingerprint decides
        }
    }

    /**
     * Replaces the stamps of the record at {@code record} (a package found up to date by its fingerprint after some
     * input was touched), so that the next check can again go by the stamps.
     */
    static void restamp(Path record, InputStamps stamps) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(record.toFile());
            putStamps(root, stamps);
            Files.write(record, JSON.writeValueAsBytes(root));
        } catch (IOException | RuntimeException e) {
            // the record stays as it was: the next check goes by the fingerprint again
        }
    }

    private static void putStamps(ObjectNode root, InputStamps stamps) {
        if (stamps == null) {
            root.putNull("stamps");
            return;
        }
        ObjectNode node = root.putObject("stamps");
        node.put("settings", stamps.settings());
        node.put("taken", stamps.taken().toString());
        ObjectNode files = node.putObject("files");
        new TreeMap<>(stamps.files()).forEach(files::put);
    }

    private static Optional<List<Path>> unchangedFiles(Path record, JsonNode root) throws IOException {
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
    }
}
