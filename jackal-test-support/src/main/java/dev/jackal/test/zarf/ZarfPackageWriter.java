package dev.jackal.test.zarf;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a package laid out as Zarf writes it (spec §2), independently of jackal's own writer: {@code zarf.yaml} at
 * the root with {@code metadata.aggregateChecksum}, one plain tar per component under {@code components/} whose
 * entries are prefixed with {@code <name>/} (the directory entry included, mtime 0, uid/gid 0, group and other mode
 * bits masked), {@code checksums.txt} listing every other file ({@code <sha256> <path>}, byte-wise sorted, trailing
 * newline), and the whole tree as one tar in lexical order compressed with zstd.
 */
public final class ZarfPackageWriter {

    private final String definition;
    private final Map<String, Map<String, byte[]>> components = new LinkedHashMap<>();
    private final Map<String, byte[]> rootFiles = new TreeMap<>();
    private final Map<String, byte[]> unlistedFiles = new TreeMap<>();
    private String definitionFile = "zarf.yaml";
    private final Map<String, UnaryOperator<String>> copies = new TreeMap<>();

    private ZarfPackageWriter(String definition) {
        this.definition = definition;
    }

    /**
     * A package with the definition {@code zarfYaml}; it must have a {@code metadata:} line, after which the writer
     * puts {@code aggregateChecksum}.
     */
    public static ZarfPackageWriter definition(String zarfYaml) {
        if (!zarfYaml.contains("\nmetadata:\n") && !zarfYaml.startsWith("metadata:\n")) {
            throw new IllegalArgumentException("the definition needs a 'metadata:' line");
        }
        return new ZarfPackageWriter(zarfYaml);
    }

    /** A file of component {@code component} at {@code path} inside its directory, e.g. {@code files/0/motd.txt}. */
    public ZarfPackageWriter componentFile(String component, String path, String content) {
        return componentFile(component, path, content.getBytes(StandardCharsets.UTF_8));
    }

    public ZarfPackageWriter componentFile(String component, String path, byte[] content) {
        components.computeIfAbsent(component, c -> new TreeMap<>()).put(path, content);
        return this;
    }

    /** Another file of the package, listed in checksums.txt (e.g. {@code sboms.tar}, or a later Zarf's extras). */
    public ZarfPackageWriter packageFile(String path, byte[] content) {
        rootFiles.put(path, content);
        return this;
    }

    /** A root file checksums.txt does not list, such as a signature ({@code zarf.yaml.sig}, {@code zarf.bundle.sig}). */
    public ZarfPackageWriter unlistedFile(String path, byte[] content) {
        unlistedFiles.put(path, content);
        return this;
    }

    /** Stores the definition under another name than {@code zarf.yaml}, to build packages that are wrong on purpose. */
    public ZarfPackageWriter definitionFile(String name) {
        this.definitionFile = name;
        return this;
    }

    /**
     * Also stores the finished definition (aggregate checksum included) under {@code name}, changed by {@code edit}:
     * a package with two definitions, wrong on purpose.
     */
    public ZarfPackageWriter copyOfDefinition(String name, UnaryOperator<String> edit) {
        this.copies.put(name, edit);
        return this;
    }

    /** Writes the package to {@code target} ({@code zarf-package-<name>-<arch>[-<version>].tar.zst}). */
    public Path write(Path target) throws IOException {
        Map<String, byte[]> listed = new TreeMap<>(rootFiles);
        for (Map.Entry<String, Map<String, byte[]>> component : components.entrySet()) {
            listed.put("components/" + component.getKey() + ".tar", tar(component.getKey(), component.getValue()));
        }
        List<String> lines = new ArrayList<>();
        listed.forEach((path, bytes) -> lines.add(sha256(bytes) + " " + path));
        lines.sort(null);
        byte[] checksums = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String yaml = definition.replaceFirst(
                "(?m)^metadata:\n", "metadata:\n  aggregateChecksum: " + sha256(checksums) + "\n");

        Map<String, byte[]> all = new TreeMap<>(listed);
        all.put("checksums.txt", checksums);
        all.putAll(unlistedFiles);
        all.put(definitionFile, yaml.getBytes(StandardCharsets.UTF_8));
        copies.forEach((name, edit) -> all.put(name, edit.apply(yaml).getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(target);
                ZstdOutputStream zstd = new ZstdOutputStream(file, 3);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
            writeTree(tar, "", all);
        }
        return target;
    }

    /** A component tar: every entry under {@code <name>/}, the directory itself first. */
    private static byte[] tar(String name, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.putArchiveEntry(directory(name + "/"));
            tar.closeArchiveEntry();
            writeTree(tar, name + "/", files);
        }
        return bytes.toByteArray();
    }

    private static void writeTree(TarArchiveOutputStream tar, String prefix, Map<String, byte[]> files)
            throws IOException {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String dir = prefix + path.substring(0, slash + 1);
                if (!written.contains(dir)) {
                    written.add(dir);
                    tar.putArchiveEntry(directory(dir));
                    tar.closeArchiveEntry();
                }
            }
            TarArchiveEntry entry = new TarArchiveEntry(prefix + path);
            normalise(entry, 0600);
            entry.setSize(file.getValue().length);
            tar.putArchiveEntry(entry);
            tar.write(file.getValue());
            tar.closeArchiveEntry();
        }
    }

    private static TarArchiveEntry directory(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        normalise(entry, 0700);
        return entry;
    }

    private static void normalise(TarArchiveEntry entry, int permissions) {
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setNames("", "");
        entry.setMode((entry.isDirectory() ? 040000 : 0100000) | permissions);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
