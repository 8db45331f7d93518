package dev.jackal.bench;

import dev.jackal.core.archive.ArchiveOptions;
import dev.jackal.core.archive.ArchiveResult;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.ExtractResult;
import dev.jackal.core.archive.PackageArchiver;
import dev.jackal.core.archive.SafeExtractor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Benchmark driver for jackal's package archive code (not part of the build or CI).
 *
 * <pre>
 *   generate &lt;pkgDir&gt; &lt;totalMB&gt; &lt;largestLayerMB&gt;   build a package dir: gzip, random and text layers
 *   archive  &lt;pkgDir&gt; &lt;out.tar.zst&gt; [workers]        time PackageArchiver at level 3
 *   extract  &lt;archive&gt; &lt;dir&gt;                      time SafeExtractor + checksum verification
 * </pre>
 *
 * Each timed mode prints one line of key=value pairs, including the JVM's own peak RSS (VmHWM).
 */
public final class ArchiveBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
            case "archive" -> archive(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
            case "extract" -> extract(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void archive(Path pkg, Path out, int workers) throws IOException {
        ArchiveOptions options = ArchiveOptions.defaults();
        if (workers > 0) {
            options = options.withWorkers(workers);
        }
        long start = System.nanoTime();
        ArchiveResult result = PackageArchiver.archive(pkg, out, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "mode=archive seconds=%.3f contentMB=%.1f archiveMB=%.1f ratio=%.3f MBps=%.1f compressedFrames=%d"
                        + " storedFrames=%d entries=%d vmHWM_MB=%.1f%n",
                seconds,
                result.contentBytes() / 1e6,
                result.archiveBytes() / 1e6,
                (double) result.contentBytes() / result.archiveBytes(),
                result.contentBytes() / 1e6 / seconds,
                result.compressedFrames(),
                result.storedFrames(),
                result.entries(),
                peakRssMb());
    }

    private static void extract(Path archive, Path dir) throws IOException {
        long start = System.nanoTime();
        ExtractResult result = SafeExtractor.extract(archive, dir, ExtractOptions.defaults());
        double extractSeconds = (System.nanoTime() - start) / 1e9;
        String aggregate = Files.readString(dir.resolve("jackal.yaml")).replaceAll("(?s).*aggregateChecksum: \"?(\\w+).*", "$1");
        long verifyStart = System.nanoTime();
        Checksums.verify(dir, aggregate);
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "mode=extract seconds=%.3f MBps=%.1f verifySeconds=%.3f verifyMBps=%.1f entries=%d vmHWM_MB=%.1f%n",
                extractSeconds,
                result.bytesWritten() / 1e6 / extractSeconds,
                verifySeconds,
                result.bytesWritten() / 1e6 / verifySeconds,
                result.entriesRead(),
                peakRssMb());
    }

    /** The kernel's record of this process's peak resident set. */
    private static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static void generate(Path pkg, long totalMb, long largestMb) throws IOException {
        Random random = new Random(42);
        long total = totalMb << 20;
        long written = 0;
        int index = 0;
        // Shares by bytes: 45% gzip layers, 10% random (no magic), 45% text (layers and component tars).
        List<String> kinds = List.of("gzip", "text", "gzip", "text", "random", "gzip", "text", "gzip", "text", "gzip",
                "text", "text", "gzip", "gzip", "text", "text", "gzip", "random", "text", "gzip");
        while (written < total) {
            String kind = kinds.get(index % kinds.size());
            // the first gzip and the first text layer are the largest, the rest 4-96 MiB (capped)
            long size = index < 2 ? largestMb << 20 : (4L << 20) + random.nextInt(92 << 20);
            size = Math.min(size, largestMb << 20);
            size = Math.min(size, total - written);
            String name = kind.equals("text") && index % 4 == 0
                    ? "components/component-" + index + ".tar"
                    : String.format("images/blobs/sha256/%064x", index * 7919L + 1);
            Path file = pkg.resolve(name);
            Files.createDirectories(file.getParent());
            switch (kind) {
                case "gzip" -> gzipLayer(file, size, random.nextLong());
                case "random" -> randomLayer(file, size, random.nextLong());
                default -> textLayer(file, size, random.nextLong());
            }
            written += Files.size(file);
            index++;
        }
        for (int i = 0; i < 200; i++) {
            Path config = pkg.resolve(String.format("images/blobs/sha256/%064x", 1_000_000L + i));
            Files.writeString(config, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\"],\"i\":" + i + "}}");
        }
        Files.writeString(pkg.resolve("images/oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(pkg.resolve("images/index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        long start = System.nanoTime();
        String aggregate = Checksums.write(pkg);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.writeString(pkg.resolve("jackal.yaml"),
                "kind: JackalPackageConfig\nmetadata:\n  name: bench\n  aggregateChecksum: " + aggregate + "\n");
        System.out.printf(Locale.ROOT, "mode=generate files=%d contentMB=%.1f checksumSeconds=%.3f checksumMBps=%.1f%n",
                index + 200, written / 1e6, seconds, written / 1e6 / seconds);
    }

    private static void randomLayer(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** Random bytes through gzip level 1: the same entropy as a real compressed image layer. */
    private static void gzipLayer(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** Log- and manifest-like text, compressing roughly 4-6x at zstd level 3. */
    private static void textLayer(Path file, long size, long seed) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            writeText(out, size, seed);
        }
    }

    /** Writes exactly {@code size} bytes of the seeded log-like text to {@code out} (also used by CreateBench). */
    static void writeText(OutputStream out, long size, long seed) throws IOException {
        Random random = new Random(seed);
        String[] levels = {"info", "debug", "warn", "error"};
        String[] paths = {"/api/v1/items", "/healthz", "/api/v1/users/", "/static/app.js", "/metrics"};
        StringBuilder line = new StringBuilder(256);
        long left = size;
        while (left > 0) {
            line.setLength(0);
            line.append("2026-11-22T").append(10 + random.nextInt(14)).append(':').append(random.nextInt(60))
                    .append(':').append(random.nextInt(60)).append('.').append(random.nextInt(1_000_000))
                    .append("Z level=").append(levels[random.nextInt(levels.length)])
                    .append(" pod=web-").append(Long.toHexString(random.nextInt(1 << 20)))
                    .append(" path=").append(paths[random.nextInt(paths.length)]).append(random.nextInt(10_000))
                    .append(" status=").append(random.nextInt(10) == 0 ? 500 : 200)
                    .append(" bytes=").append(random.nextInt(100_000))
                    .append(" trace=").append(Long.toHexString(random.nextLong())).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
            int n = (int) Math.min(bytes.length, left);
            out.write(bytes, 0, n);
            left -= n;
        }
    }
}
