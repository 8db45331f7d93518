package dev.jackal.test.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.registry.OciRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates OCI image layouts for tests: a chosen number of layers of chosen sizes, random
 * (incompressible) or compressible content, OCI or Docker v2 manifests, and multi-platform indexes or
 * manifest lists. Content comes from a seeded generator, so the same builder makes the same digests.
 * Layers are streamed to disk and hashed while written, never held in memory.
 */
public final class TestImages {

    /** What the layer files contain. */
    public enum Content {
        /** Pseudo-random bytes: gzip cannot shrink them, like an already compressed layer. */
        RANDOM,
        /** Repetitive log-like text: compresses well. */
        COMPRESSIBLE
    }

    /** The manifest format. */
    public enum Format {
        OCI(
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar+gzip"),
        DOCKER_V2(
                "application/vnd.docker.distribution.manifest.v2+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");

        final String manifest;
        final String index;
        final String config;
        final String layer;

        Format(String manifest, String index, String config, String layer) {
            this.manifest = manifest;
            this.index = index;
            this.config = config;
            this.layer = layer;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private int layers = 1;
    private long layerSize = 64 * 1024;
    private Content content = Content.RANDOM;
    private Format format = Format.OCI;
    private List<String> platforms = List.of("linux/amd64");
    private boolean index;
    private long seed = 1;
    private String tag = "1.0";

    private TestImages() {}

    public static TestImages builder() {
        return new TestImages();
    }

    public TestImages layers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an image needs at least one layer: " + count);
        }
        this.layers = count;
        return this;
    }

    /** The size of the file inside each layer, before compression. */
    public TestImages layerSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative layer size: " + bytes);
        }
        this.layerSize = bytes;
        return this;
    }

    public TestImages content(Content content) {
        this.content = content;
        return this;
    }

    public TestImages format(Format format) {
        this.format = format;
        return this;
    }

    /** Several platforms make an index (OCI) or manifest list (Docker v2), e.g. {@code linux/amd64, linux/arm64}. */
    public TestImages platforms(String... platforms) {
        if (platforms.length == 0) {
            throw new IllegalArgumentException("at least one platform");
        }
        this.platforms = List.of(platforms);
        this.index = platforms.length > 1 || index;
        return this;
    }

    /** Wraps even a single platform in an index. */
    public TestImages asIndex() {
        this.index = true;
        return this;
    }

    /** Different seeds give different content (and digests). */
    public TestImages seed(long seed) {
        this.seed = seed;
        return this;
    }

    public TestImages tag(String tag) {
        this.tag = tag;
        return this;
    }

    /** Writes the image into a new OCI layout at {@code layout}. */
    public TestImage writeLayout(Path layout) {
        try {
            Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            List<Map<String, Object>> manifests = new ArrayList<>();
            List<String> manifestDigests = new ArrayList<>();
            List<String> layerDigests = new ArrayList<>();
            Random random = new Random(seed);
            for (String platform : platforms) {
                String[] osArch = platform.split("/", 3);
                if (osArch.length < 2) {
                    throw new IllegalArgumentException("platform must be os/arch: " + platform);
                }
                List<Map<String, Object>> layerDescriptors = new ArrayList<>();
                List<String> diffIds = new ArrayList<>();
                for (int i = 0; i < layers; i++) {
                    Blob layer = writeLayer(blobs, random.nextLong(), i);
                    layerDescriptors.add(descriptor(format.layer, layer.digest, layer.size));
                    diffIds.add(layer.diffId);
                    layerDigests.add(layer.digest);
                }
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("architecture", osArch[1]);
                if (osArch.length == 3) {
                    config.put("variant", osArch[2]);
                }
                config.put("os", osArch[0]);
                config.put("config", Map.of("Cmd", List.of("/bin/sh")));
                // not Map.of: its iteration order changes from one JVM to the next, and so would the digests
                Map<String, Object> rootfs = new LinkedHashMap<>();
                rootfs.put("type", "layers");
                rootfs.put("diff_ids", diffIds);
                config.put("rootfs", rootfs);
                Blob configBlob = writeBytes(blobs, JSON.writeValueAsBytes(config));

                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("schemaVersion", 2);
                manifest.put("mediaType", format.manifest);
                manifest.put("config", descriptor(format.config, configBlob.digest, configBlob.size));
                manifest.put("layers", layerDescriptors);
                Blob manifestBlob = writeBytes(blobs, JSON.writeValueAsBytes(manifest));
                manifestDigests.add(manifestBlob.digest);
                Map<String, Object> entry = descriptor(format.manifest, manifestBlob.digest, manifestBlob.size);
                Map<String, Object> platformMap = new LinkedHashMap<>();
                platformMap.put("architecture", osArch[1]);
                platformMap.put("os", osArch[0]);
                if (osArch.length == 3) {
                    platformMap.put("variant", osArch[2]);
                }
                entry.put("platform", platformMap);
                manifests.add(entry);
            }

            Map<String, Object> top;
            String topMediaType;
            if (index) {
                Map<String, Object> indexDoc = new LinkedHashMap<>();
                indexDoc.put("schemaVersion", 2);
                indexDoc.put("mediaType", format.index);
                indexDoc.put("manifests", manifests);
                Blob indexBlob = writeBytes(blobs, JSON.writeValueAsBytes(indexDoc));
                top = descriptor(format.index, indexBlob.digest, indexBlob.size);
                topMediaType = format.index;
            } else {
                top = new LinkedHashMap<>(manifests.get(0));
                top.remove("platform");
                topMediaType = format.manifest;
            }
            top.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
            Map<String, Object> layoutIndex = new LinkedHashMap<>();
            layoutIndex.put("schemaVersion", 2);
            layoutIndex.put("mediaType", "application/vnd.oci.image.index.v1+json");
            layoutIndex.put("manifests", List.of(top));
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(layoutIndex));
            return new TestImage(layout, tag, (String) top.get("digest"), topMediaType, manifestDigests, layerDigests);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test image layout " + layout, e);
        }
    }

    /**
     * Writes the image into {@code workDir/layout} and pushes it with skopeo to
     * {@code <registry>/<repository>:<tag>}, byte for byte (every platform of an index).
     */
    public TestImage push(Skopeo skopeo, OciRegistry registry, String repository, Path workDir) {
        String name = repository.replace('/', '_') + "-" + tag;
        TestImage image = writeLayout(workDir.resolve("layout-" + name));
        // skopeo's oci: transport finds only OCI-typed entries by tag, so Docker-typed images go through
        // its dir: transport, which reads the same blobs and keeps the manifests' own media types.
        String source = format == Format.OCI
                ? image.ociReference()
                : "dir:" + dirTransport(image, workDir.resolve("dir-" + name));
        skopeo.copyTo(source, registry, repository + ":" + tag, List.of("--all", "--preserve-digests"));
        return image;
    }

    /** The image in skopeo's {@code dir:} layout: blobs by hex digest, manifest.json, instance manifests. */
    private static Path dirTransport(TestImage image, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
            Path blobs = image.layout().resolve("blobs").resolve("sha256");
            try (var files = Files.list(blobs)) {
                for (Path blob : (Iterable<Path>) files::iterator) {
                    Path target = dir.resolve(blob.getFileName().toString());
                    try {
                        Files.createLink(target, blob);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.copy(blobs.resolve(image.digest().substring(7)), dir.resolve("manifest.json"));
            if (image.isIndex()) {
                for (String manifest : image.manifestDigests()) {
                    String hex = manifest.substring(7);
                    Files.copy(blobs.resolve(hex), dir.resolve(hex + ".manifest.json"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write skopeo dir layout " + dir, e);
        }
    }

    private record Blob(String digest, long size, String diffId) {}

    private Blob writeLayer(Path blobs, long layerSeed, int index) throws IOException {
        Path temp = Files.createTempFile(blobs, "layer", ".tmp");
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        long size;
        try (OutputStream file = Files.newOutputStream(temp);
                DigestOutputStream hashed =
                        new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), compressed);
                GZIPOutputStream gzip = new GZIPOutputStream(hashed, 1 << 16);
                DigestOutputStream tar = new DigestOutputStream(gzip, uncompressed)) {
            writeTar(tar, "layer-" + index + ".bin", layerSize, new Random(layerSeed));
        }
        size = Files.size(temp);
        String digest = "sha256:" + HexFormat.of().formatHex(compressed.digest());
        Files.move(temp, blobs.resolve(digest.substring(7)), StandardCopyOption.REPLACE_EXISTING);
        return new Blob(digest, size, "sha256:" + HexFormat.of().formatHex(uncompressed.digest()));
    }

    /** A one-file ustar archive, written by hand so content streams straight from the generator. */
    private void writeTar(OutputStream out, String name, long size, Random random) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        header[263] = '0';
        header[264] = '0';
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            fill(buffer, n, random);
            out.write(buffer, 0, n);
            left -= n;
        }
        long padding = (512 - size % 512) % 512;
        out.write(new byte[(int) padding]);
        out.write(new byte[1024]);
    }

    private void fill(byte[] buffer, int n, Random random) {
        if (content == Content.RANDOM) {
            random.nextBytes(buffer);
            return;
        }
        int i = 0;
        while (i < n) {
            byte[] line = ("2026-11-22T10:00:00Z INFO jackal test line " + random.nextInt(1000) + " lorem ipsum\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int k = Math.min(line.length, n - i);
            System.arraycopy(line, 0, buffer, i, k);
            i += k;
        }
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static Blob writeBytes(Path blobs, byte[] bytes) throws IOException {
        String hex = HexFormat.of().formatHex(sha256().digest(bytes));
        Files.write(blobs.resolve(hex), bytes);
        return new Blob("sha256:" + hex, bytes.length, null);
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new TestServiceException("images", "no SHA-256", e);
        }
    }
}
