package dev.jackal.core.sbom;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads the packages a layer's files declare, streaming the layer once: Debian's dpkg status (also the
 * distroless {@code status.d/}), Alpine's apk database, and the {@code pom.properties} inside jar files.
 * Java has no Syft; this covers the common base images and Java applications. Whiteouts are not
 * followed: a package removed by a later layer is still listed.
 */
final class LayerScanner {

    private LayerScanner() {}

    /** The packages found in the layer blob at {@code blob} (tar, optionally gzip-compressed). */
    static List<FoundPackage> scan(Path blob) throws IOException {
        List<FoundPackage> found = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            if (!(in instanceof GZIPInputStream) && !looksLikeTar(raw)) {
                return found;
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                byte[] rest = new byte[1 << 16];
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isFile()) {
                        String name = strip(entry.getName());
                        if (name.equals("var/lib/dpkg/status") || name.startsWith("var/lib/dpkg/status.d/")) {
                            dpkg(text(tar), name, found);
                        } else if (name.equals("lib/apk/db/installed")) {
                            apk(text(tar), name, found);
                        } else if (name.endsWith(".jar") || name.endsWith(".war")) {
                            jar(CloseShieldInputStream.wrap(tar), name, found);
                        }
                    }
                    // Read past the rest of the entry here, into one buffer: getNextEntry would skip it with a
                    // fresh scratch array per read, a byte of garbage for every byte of the layer.
                    while (tar.read(rest) >= 0) {
                        // discarded
                    }
                }
            }
        }
        return found;
    }

    private static boolean looksLikeTar(InputStream raw) throws IOException {
        raw.mark(512);
        byte[] header = raw.readNBytes(512);
        raw.reset();
        return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static List<String> text(InputStream in) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(CloseShieldInputStream.wrap(in), StandardCharsets.UTF_8));
        return reader.lines().toList();
    }

    private static void dpkg(List<String> lines, String source, List<FoundPackage> out) {
        for (Map<String, String> stanza : stanzas(lines, ": ")) {
            String name = stanza.get("Package");
            String version = stanza.get("Version");
            String status = stanza.getOrDefault("Status", "install ok installed");
            if (name != null && version != null && status.endsWith("installed")) {
                String arch = stanza.get("Architecture");
                out.add(new FoundPackage(
                        "pkg:deb/debian/" + name + "@" + version + (arch == null ? "" : "?arch=" + arch),
                        name,
                        version,
                        source));
            }
        }
    }

    private static void apk(List<String> lines, String source, List<FoundPackage> out) {
        for (Map<String, String> stanza : stanzas(lines, ":")) {
            String name = stanza.get("P");
            String version = stanza.get("V");
            if (name != null && version != null) {
                String arch = stanza.get("A");
                out.add(new FoundPackage(
                        "pkg:apk/alpine/" + name + "@" + version + (arch == null ? "" : "?arch=" + arch),
                        name,
                        version,
                        source));
            }
        }
    }

    private static List<Map<String, String>> stanzas(List<String> lines, String separator) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int at = line.indexOf(separator);
            if (at > 0 && !Character.isWhitespace(line.charAt(0))) {
                current.putIfAbsent(
                        line.substring(0, at),
                        line.substring(at + separator.length()).strip());
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }

    private static void jar(InputStream in, String source, List<FoundPackage> out) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().startsWith("META-INF/maven/")
                        && entry.getName().endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(CloseShieldInputStream.wrap(zip));
                    String group = pom.getProperty("groupId");
                    String artifact = pom.getProperty("artifactId");
                    String version = pom.getProperty("version");
                    if (group != null && artifact != null && version != null) {
                        out.add(new FoundPackage(
                                "pkg:maven/" + group + "/" + artifact + "@" + version,
                                group + ":" + artifact,
                                version,
                                source));
                    }
                }
            }
        } catch (IOException e) {
            // a damaged or encrypted jar adds no packages; the layer itself is still listed
        }
    }

    private static String strip(String name) {
        return name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
    }
}
