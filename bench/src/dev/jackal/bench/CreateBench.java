package dev.jackal.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Data for the create benchmark (not part of the build or CI): one OCI image layout holding several images,
 * each with its own tag ({@code org.opencontainers.image.ref.name}), ready for {@code skopeo copy oci:DIR:TAG}.
 *
 * <pre>
 *   images &lt;layoutDir&gt; &lt;totalMB&gt; &lt;largestLayerMB&gt; &lt;layersPerImage&gt; [&lt;hugeLayerMB&gt; gzip|text]
 * </pre>
 *
 * Two kinds of layer, alternating: a gzip layer ({@code tar+gzip}, random bytes through gzip level 1, the
 * entropy of a real compressed layer) and a text layer (an uncompressed {@code tar} of log-like text that
 * zstd -3 shrinks about 3.4x). The first layer of each kind has {@code largestLayerMB} and sits alone in its
 * image; the rest are 4-96 MiB (when the largest is under 96 MiB: between an eighth of it and all of it),
 * grouped {@code layersPerImage} to an image. Everything comes from one seed, so a rerun writes the same
 * digests. Layers are streamed to disk and hashed on the way, never held in memory. The tag names go to
 * {@code <layoutDir>/images.txt}, one a line.
 *
 * <p>With {@code hugeLayerMB}, one more image ({@code huge-00}, listed last) holds a single layer of that size, of
 * the given kind, from a seed of its own: the set is the same as without it, plus that image. It is for the
 * peak-memory target, which must hold with a 4 GB layer.
 */
public final class CreateBench {

    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

    private record Blob(String mediaType, String digest, long size, String diffId) {
        String descriptor() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("images")) {
            throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        long hugeMb = args.length > 5 ? Long.parseLong(args[5]) : 0;
        boolean hugeGzip = args.length <= 6 || !args[6].equals("text");
        images(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]), hugeMb,
                hugeGzip);
    }

    private static void images(Path layout, long totalMb, long largestMb, int perImage, long hugeMb, boolean hugeGzip)
            throws IOException {
        Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Random random = new Random(4242);
        long total = totalMb << 20;
        long largest = largestMb << 20;
        long written = 0;
        long gzipBytes = 0;
        long textBytes = 0;
        List<List<Blob>> images = new ArrayList<>();
        List<Blob> current = new ArrayList<>();
        int index = 0;
        while (written < total) {
            boolean gzip = index % 2 == 0;
            long size;
            if (index < 2) {
                size = largest;
            } else if (largestMb >= 96) {
                size = (4L << 20) + random.nextInt(92 << 20);
            } else {
                size = largest / 8 + (long) (random.nextDouble() * (largest - largest / 8));
            }
            size = Math.min(size, total - written);
            Blob layer = layer(blobs, gzip, "layer-" + index + (gzip ? ".bin" : ".log"), size, random.nextLong());
            written += layer.size();
            if (gzip) {
                gzipBytes += layer.size();
            } else {
                textBytes += layer.size();
            }
            current.add(layer);
            if (index < 2 || current.size() == perImage) {
                images.add(current);
                current = new ArrayList<>();
            }
            index++;
        }
        if (!current.isEmpty()) {
            images.add(current);
        }
        if (hugeMb > 0) {
            Blob huge = layer(blobs, hugeGzip, "huge" + (hugeGzip ? ".bin" : ".log"), hugeMb << 20, 4343L);
            written += huge.size();
            if (hugeGzip) {
                gzipBytes += huge.size();
            } else {
                textBytes += huge.size();
            }
            images.add(List.of(huge));
            index++;
        }
        StringBuilder entries = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < images.size(); i++) {
            List<Blob> layers = images.get(i);
            StringBuilder diffIds = new StringBuilder();
            StringBuilder descriptors = new StringBuilder();
            for (Blob layer : layers) {
                diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(layer.diffId()).append('"');
                descriptors.append(descriptors.length() == 0 ? "" : ",").append(layer.descriptor());
            }
            Blob config = bytes(blobs, CONFIG, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"],"
                    + "\"Labels\":{\"bench.image\":\"" + i + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                    + diffIds + "]}}");
            Blob manifest = bytes(blobs, MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
                    + config.descriptor() + ",\"layers\":[" + descriptors + "]}");
            boolean isHuge = hugeMb > 0 && i == images.size() - 1;
            String name = isHuge ? "huge-00" : String.format(Locale.ROOT, "layers-%02d", i);
            entries.append(entries.length() == 0 ? "" : ",")
                    .append(manifest.descriptor(), 0, manifest.descriptor().length() - 1)
                    .append(",\"annotations\":{\"org.opencontainers.image.ref.name\":\"").append(name).append("\"}}");
            names.append(name).append('\n');
        }
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"),
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                        + entries + "]}");
        Files.writeString(layout.resolve("images.txt"), names.toString());
        System.out.printf(Locale.ROOT, "mode=images images=%d layers=%d layerMB=%.1f gzipLayerMB=%.1f textLayerMB=%.1f%n",
                images.size(), index, written / 1e6, gzipBytes / 1e6, textBytes / 1e6);
    }

    /** A one-file tar layer of {@code size} content bytes; gzip level 1 over random bytes, or plain text. */
    private static Blob layer(Path blobs, boolean gzip, String name, long size, long seed) throws IOException {
        Path temp = Files.createTempFile(blobs, "layer", ".tmp");
        MessageDigest stored = sha256();
        MessageDigest diff = gzip ? sha256() : stored;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
                DigestOutputStream hashed = new DigestOutputStream(file, stored)) {
            OutputStream tar = gzip
                    ? new DigestOutputStream(new GZIPOutputStream(hashed, 1 << 16) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    }, diff)
                    : hashed;
            tarHeader(tar, name, size);
            if (gzip) {
                Random random = new Random(seed);
                byte[] chunk = new byte[1 << 20];
                for (long left = size; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    tar.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            } else {
                ArchiveBench.writeText(tar, size, seed);
            }
            tar.write(new byte[(int) ((512 - size % 512) % 512) + 1024]); // padding, then the end-of-archive blocks
            tar.close();
        }
        String hex = HexFormat.of().formatHex(stored.digest());
        String diffId = gzip ? "sha256:" + HexFormat.of().formatHex(diff.digest()) : "sha256:" + hex;
        Files.move(temp, blobs.resolve(hex), StandardCopyOption.REPLACE_EXISTING);
        return new Blob(gzip ? LAYER_GZIP : LAYER_TAR, "sha256:" + hex, Files.size(blobs.resolve(hex)), diffId);
    }

    /** A POSIX ustar header for one regular file, mode 0644, owner 0:0, mtime 0. */
    private static void tarHeader(OutputStream out, String name, long size) throws IOException {
        byte[] header = new byte[512];
        ascii(header, 0, name);
        ascii(header, 100, "0000644\0");
        ascii(header, 108, "0000000\0");
        ascii(header, 116, "0000000\0");
        ascii(header, 124, String.format(Locale.ROOT, "%011o\0", size));
        ascii(header, 136, "00000000000\0");
        ascii(header, 148, "        ");
        header[156] = '0';
        ascii(header, 257, "ustar\0" + "00");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        ascii(header, 148, String.format(Locale.ROOT, "%06o\0 ", sum));
        out.write(header);
    }

    private static void ascii(byte[] target, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    private static Blob bytes(Path blobs, String mediaType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(sha256().digest(bytes));
        Files.write(blobs.resolve(hex), bytes);
        return new Blob(mediaType, "sha256:" + hex, bytes.length, null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
