package dev.jackal.initpackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The minimal Java runtime of the agent image: {@code jlink} of the modules the deployer jar needs, as
 * {@code jdeps --print-module-deps} finds them, plus {@value #PROVIDER_MODULES} (service providers jdeps cannot see:
 * the elliptic-curve TLS key exchange that Go clients such as the kube-apiserver insist on). Both results are
 * cached under the build cache, keyed by the jar's digest and the JDK's version, since each takes more than a
 * minute on a small machine.
 */
final class AgentRuntime {

    static final String PROVIDER_MODULES = "jdk.crypto.ec";

    /** Native libraries of AWT, sound and image codecs: in {@code java.desktop} for java.beans, never loaded. */
    static final List<String> UNUSED_NATIVE = List.of(
            "libawt.so",
            "libawt_headless.so",
            "libawt_xawt.so",
            "libfontmanager.so",
            "libjavajpeg.so",
            "libjawt.so",
            "libjsound.so",
            "liblcms.so",
            "libmlib_image.so",
            "libsplashscreen.so");

    private final Path cacheDir;
    private final PrintStream log;

    AgentRuntime(Path cacheDir, PrintStream log) {
        this.cacheDir = cacheDir;
        this.log = log;
    }

    /** The jlinked runtime for {@code deployerJar}, built or taken from the cache. */
    Path runtimeFor(Path deployerJar) throws IOException {
        String jdk = System.getProperty("java.vm.version");
        String jarDigest = sha256(deployerJar);
        String modules = modules(deployerJar, jarDigest);
        String key =
                sha256((jdk + "\n" + modules).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path runtime = cacheDir.resolve("jre").resolve(key);
        if (Files.isRegularFile(runtime.resolve("release"))) {
            log.println("agent runtime: " + modules + " (cached " + runtime + ")");
            return runtime;
        }
        Path temp = cacheDir.resolve("jre").resolve(key + ".partial");
        deleteTree(temp);
        Files.createDirectories(temp.getParent());
        log.println("agent runtime: jlink " + modules);
        run(
                "jlink",
                "--add-modules",
                modules,
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--compress=2",
                "--output",
                temp.toString());
        Files.move(temp, runtime);
        return runtime;
    }

    /** The modules to link: jdeps' answer for the jar plus the provider modules, sorted. */
    private String modules(Path jar, String jarDigest) throws IOException {
        Path cached = cacheDir.resolve("jdeps").resolve(jarDigest + ".txt");
        String found;
        if (Files.isRegularFile(cached)) {
            found = Files.readString(cached).strip();
        } else {
            log.println("agent runtime: jdeps --print-module-deps " + jar.getFileName());
            Path plain = Files.createTempFile("jackal-jdeps-", ".jar");
            try {
                withoutModuleDescriptors(jar, plain);
                found = run(
                                "jdeps",
                                "--print-module-deps",
                                "--ignore-missing-deps",
                                "--multi-release",
                                "17",
                                plain.toString())
                        .strip();
            } finally {
                Files.deleteIfExists(plain);
            }
            Files.createDirectories(cached.getParent());
            Files.writeString(cached, found + "\n");
        }
        Set<String> modules = new TreeSet<>(List.of(found.split(",")));
        modules.addAll(List.of(PROVIDER_MODULES.split(",")));
        return String.join(",", modules);
    }

    /**
     * A copy of the jar without {@code module-info.class} files: the shaded jar keeps the multi-release module
     * descriptors of its dependencies, and jdeps would then resolve them as modules and fail on the first one
     * whose requirements are not modules.
     */
    static void withoutModuleDescriptors(Path jar, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().endsWith("module-info.class")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    /** The runtime's files that the image carries: everything but the unused native libraries. */
    static List<Path> files(Path runtime) throws IOException {
        try (Stream<Path> walk = Files.walk(runtime)) {
            return walk.filter(p -> !p.equals(runtime))
                    .filter(p -> !UNUSED_NATIVE.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /** {@code bin/java} and every native library of the runtime the image carries. */
    static List<Path> nativeObjects(Path runtime) throws IOException {
        List<Path> objects = new ArrayList<>();
        for (Path file : files(runtime)) {
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file) && (name.endsWith(".so") || file.equals(runtime.resolve("bin/java")))) {
                objects.add(file);
            }
        }
        return objects;
    }

    private String run(String tool, String... args) throws IOException {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IOException("this JDK has no " + tool + "; build with a full JDK 17"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = provider.run(o, e, args);
        }
        if (code != 0) {
            throw new IOException(tool + " failed (" + code + "): "
                    + err.toString(StandardCharsets.UTF_8).strip() + " "
                    + out.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file);
                OutputStream sink = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
