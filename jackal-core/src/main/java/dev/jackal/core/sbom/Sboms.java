package dev.jackal.core.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.fetch.Downloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cyclonedx.model.Component;

/**
 * The SBOMs of a package (spec §2.5), as CycloneDX JSON: one per image, named after its reference, and one
 * per component that carries files or data, {@code jackal-component-<name>.json}.
 */
public final class Sboms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sboms() {}

    /** {@code <reference with every character outside [a-zA-Z0-9.-] replaced by _>.json}. */
    public static String imageFileName(String reference) {
        return reference.replaceAll("[^a-zA-Z0-9.-]", "_") + ".json";
    }

    /** {@code jackal-component-<name>.json}. */
    public static String componentFileName(String component) {
        return "jackal-component-" + component + ".json";
    }

    /**
     * The SBOM of the image {@code reference} whose manifest or index is the blob {@code digest} of the OCI
     * layout {@code layout}; empty when the image has no real layers (a chart or another artifact).
     */
    public static Optional<String> image(Path layout, String reference, String digest) throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        JsonNode top = JSON.readTree(blob(layout, digest).toFile());
        if (top.has("manifests")) {
            for (JsonNode child : top.path("manifests")) {
                Path path = blob(layout, child.path("digest").asText());
                if (Files.exists(path)) {
                    manifests.add(JSON.readTree(path.toFile()));
                }
            }
        } else {
            manifests.add(top);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        TreeSet<String> layers = new TreeSet<>();
        for (JsonNode manifest : manifests) {
            properties.put(
                    "jackal:config:" + manifest.path("config").path("digest").asText(),
                    manifest.path("config").path("mediaType").asText());
            for (JsonNode layer : manifest.path("layers")) {
                if (isImageLayer(layer.path("mediaType").asText())) {
                    layers.add(layer.path("digest").asText());
                }
            }
        }
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        List<FoundPackage> packages = new ArrayList<>();
        for (String layer : layers) {
            properties.put(String.format("jackal:layer:%03d", i++), layer);
            packages.addAll(LayerScanner.scan(blob(layout, layer)));
        }
        Component subject = SbomWriter.component(Component.Type.CONTAINER, reference, digest, null);
        SbomWriter.sha256(subject, digest.substring("sha256:".length()));
        SbomWriter.properties(subject, properties);
        Map<String, Component> components = new LinkedHashMap<>();
        for (FoundPackage found : packages.stream().sorted(FoundPackage.ORDER).toList()) {
            Component c = SbomWriter.component(Component.Type.LIBRARY, found.name(), found.version(), found.purl());
            SbomWriter.properties(c, Map.of("jackal:found-in", found.source()));
            components.putIfAbsent(c.getBomRef(), c);
        }
        return Optional.of(SbomWriter.write(subject, List.copyOf(components.values())));
    }

    /** The SBOM of a component's files and data: every regular file with its SHA-256. */
    public static String component(String name, Path componentDir) throws IOException {
        List<Component> files = new ArrayList<>();
        for (String sub : List.of("files", "data")) {
            Path dir = componentDir.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = componentDir.relativize(file).toString().replace('\\', '/');
                    Component c = SbomWriter.component(Component.Type.FILE, relative, null, null);
                    SbomWriter.sha256(c, Downloader.sha256(file));
                    files.add(c);
                }
            }
        }
        Component subject = SbomWriter.component(Component.Type.APPLICATION, "jackal-component-" + name, null, null);
        return SbomWriter.write(subject, files);
    }

    /**
     * The SBOM of a build's own dependencies (e.g. a Maven project's runtime dependency tree), as library
     * components with Maven package URLs.
     *
     * @param subject the project, e.g. {@code org.example:app:1.0}
     * @param dependencies {@code group:artifact:version} coordinates
     */
    public static String dependencies(String subject, List<String> dependencies) {
        List<Component> components = new ArrayList<>();
        for (String coordinates : new TreeSet<>(dependencies)) {
            String[] parts = coordinates.split(":");
            if (parts.length < 3) {
                throw new IllegalArgumentException("not group:artifact:version: " + coordinates);
            }
            String purl = "pkg:maven/" + parts[0] + "/" + parts[1] + "@" + parts[2];
            components.add(SbomWriter.component(Component.Type.LIBRARY, parts[0] + ":" + parts[1], parts[2], purl));
        }
        return SbomWriter.write(SbomWriter.component(Component.Type.APPLICATION, subject, null, null), components);
    }

    /** Whether a component has anything a component SBOM lists. */
    public static boolean hasFiles(Path componentDir) {
        return Files.isDirectory(componentDir.resolve("files")) || Files.isDirectory(componentDir.resolve("data"));
    }

    private static boolean isImageLayer(String mediaType) {
        return mediaType.startsWith("application/vnd.oci.image.layer.")
                || mediaType.startsWith("application/vnd.docker.image.rootfs.");
    }

    private static Path blob(Path layout, String digest) {
        int colon = digest.indexOf(':');
        return layout.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }
}
