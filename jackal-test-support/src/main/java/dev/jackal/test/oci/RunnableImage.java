package dev.jackal.test.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import dev.jackal.test.registry.OciRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tiny image that really runs on a node: one layer made of host files (typically Debian's static
 * {@code /bin/busybox} with its applets as symlinks), a command, {@code linux/amd64}. Written by hand
 * (tar, gzip, config, manifest, {@code index.json}) with fixed times, so the same files make the same digests.
 *
 * <pre>{@code TestImage image = RunnableImage.busybox().text("/marker", "hello").cmd("cat", "/marker")
 *         .push(skopeo, registry, "test/hello:1", work);}</pre>
 */
public final class RunnableImage {

    /** Debian's busybox-static: a static binary, so it runs in an image with nothing else. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final List<String> APPLETS = List.of(
            "sh",
            "echo",
            "cat",
            "ls",
            "sleep",
            "nc",
            "httpd",
            "hostname",
            "ip",
            "env",
            "ps",
            "date",
            "id",
            "true",
            "false",
            "printf",
            "seq",
            "uname",
            "mkdir",
            "rm",
            "cp",
            "mv",
            "grep",
            "head",
            "tail",
            "wc",
            "test",
            "sed",
            "awk",
            "wget",
            "mount");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(byte[] content, int mode, String linkTarget) {}

    private final Map<String, Entry> files = new LinkedHashMap<>();
    private List<String> cmd = List.of("sh");

    private RunnableImage() {}

    /** An image with no files yet (add a static binary with {@link #file}). */
    public static RunnableImage empty() {
        return new RunnableImage();
    }

    /**
     * {@code /bin/busybox} from the host with its common applets ({@code sh}, {@code cat}, {@code sleep},
     * {@code nc}, {@code httpd}, …) as symlinks, {@code /etc/passwd} and {@code /etc/group}; command {@code sh}.
     */
    public static RunnableImage busybox() {
        if (!Files.isRegularFile(BUSYBOX)) {
            throw new TestServiceException(
                    "images", "'" + BUSYBOX + "' (Debian busybox-static) is missing; run " + TestTools.SETUP_COMMAND);
        }
        RunnableImage image = new RunnableImage().file(BUSYBOX, "/bin/busybox");
        for (String applet : APPLETS) {
            image.files.put("bin/" + applet, new Entry(null, 0777, "busybox"));
        }
        image.text("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        image.text("/etc/group", "root:x:0:\nnobody:x:65534:\n");
        return image;
    }

    /** Copies {@code hostFile} to {@code pathInImage}, executable. */
    public RunnableImage file(Path hostFile, String pathInImage) {
        try {
            files.put(relative(pathInImage), new Entry(Files.readAllBytes(hostFile), 0755, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hostFile, e);
        }
        return this;
    }

    /** A text file (mode 0644). */
    public RunnableImage text(String pathInImage, String content) {
        files.put(relative(pathInImage), new Entry(content.getBytes(StandardCharsets.UTF_8), 0644, null));
        return this;
    }

    /** The image's command ({@code Cmd}). */
    public RunnableImage cmd(String... command) {
        this.cmd = List.of(command);
        return this;
    }

    /** Writes the image into a new OCI layout; {@code tag} becomes its {@code org.opencontainers.image.ref.name}. */
    public TestImage writeLayout(Path layout, String tag) {
        try {
            Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            byte[] tar = layerTar();
            byte[] gzipped = gzip(tar);
            String layer = writeBlob(blobs, gzipped);

            Map<String, Object> config = new LinkedHashMap<>();
            config.put("architecture", "amd64");
            config.put("os", "linux");
            config.put("created", "2000-01-01T00:00:00Z");
            Map<String, Object> runtime = new LinkedHashMap<>();
            runtime.put("Env", List.of("PATH=/bin:/usr/bin:/sbin:/usr/sbin"));
            runtime.put("Cmd", cmd);
            runtime.put("WorkingDir", "/");
            config.put("config", runtime);
            Map<String, Object> rootfs = new LinkedHashMap<>();
            rootfs.put("type", "layers");
            rootfs.put("diff_ids", List.of(digest(tar)));
            config.put("rootfs", rootfs);
            byte[] configBytes = JSON.writeValueAsBytes(config);
            String configDigest = writeBlob(blobs, configBytes);

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", TestImages.Format.OCI.manifest);
            manifest.put("config", descriptor(TestImages.Format.OCI.config, configDigest, configBytes.length));
            manifest.put("layers", List.of(descriptor(TestImages.Format.OCI.layer, layer, gzipped.length)));
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            String manifestDigest = writeBlob(blobs, manifestBytes);

            Map<String, Object> top = descriptor(TestImages.Format.OCI.manifest, manifestDigest, manifestBytes.length);
            top.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", TestImages.Format.OCI.index);
            index.put("manifests", List.of(top));
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
            return new TestImage(
                    layout,
                    tag,
                    manifestDigest,
                    TestImages.Format.OCI.manifest,
                    List.of(manifestDigest),
                    List.of(layer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image layout " + layout, e);
        }
    }

    /**
     * Writes the image into {@code workDir} and pushes it with skopeo to {@code <registry>/<repositoryAndTag>},
     * keeping its digest.
     */
    public TestImage push(Skopeo skopeo, OciRegistry registry, String repositoryAndTag, Path workDir) {
        int colon = repositoryAndTag.lastIndexOf(':');
        if (colon < 0 || repositoryAndTag.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("repository:tag expected: " + repositoryAndTag);
        }
        String tag = repositoryAndTag.substring(colon + 1);
        TestImage image =
                writeLayout(workDir.resolve("runnable-" + repositoryAndTag.replaceAll("[^A-Za-z0-9.-]", "_")), tag);
        skopeo.copyTo(image.ociReference(), registry, repositoryAndTag, List.of("--preserve-digests"));
        return image;
    }

    private byte[] layerTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TreeSet<String> dirs = new TreeSet<>(List.of("bin", "dev", "etc", "proc", "root", "sys", "tmp", "var"));
            for (String path : files.keySet()) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    dirs.add(path.substring(0, slash));
                }
            }
            for (String dir : dirs) {
                TarArchiveEntry entry = new TarArchiveEntry(dir + "/");
                entry.setMode(dir.equals("tmp") ? 01777 : 0755);
                put(tar, entry, null);
            }
            for (Map.Entry<String, Entry> file : files.entrySet()) {
                Entry value = file.getValue();
                TarArchiveEntry entry;
                if (value.linkTarget() != null) {
                    entry = new TarArchiveEntry(file.getKey(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(value.linkTarget());
                } else {
                    entry = new TarArchiveEntry(file.getKey());
                    entry.setSize(value.content().length);
                }
                entry.setMode(value.mode());
                put(tar, entry, value.content());
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setModTime(0);
        entry.setUserId(0);
        entry.setGroupId(0);
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
    }

    private static String relative(String pathInImage) {
        String path = pathInImage.replaceAll("^/+", "");
        if (path.isEmpty() || path.endsWith("/") || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a file path inside an image: " + pathInImage);
        }
        return path;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static String writeBlob(Path blobs, byte[] bytes) throws IOException {
        String digest = digest(bytes);
        Files.write(blobs.resolve(digest.substring(7)), bytes);
        return digest;
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new TestServiceException("images", "no SHA-256", e);
        }
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }
}
