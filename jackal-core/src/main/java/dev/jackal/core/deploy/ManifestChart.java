package dev.jackal.core.deploy;

import dev.jackal.core.template.GoStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Helm chart that carries a component's raw manifests (spec §6.8): chart {@code raw-<package>-<component>-
 * <manifest>}, release {@code jackal-<sha1 of that name>}, version {@code 0.1.<start time>}, one template per
 * manifest file whose body is the file as a quoted template string, so Helm emits it exactly as written.
 */
public final class ManifestChart {

    private ManifestChart() {}

    /** {@code raw-<package>-<component>-<manifest>}. */
    public static String chartName(String pkg, String component, String manifest) {
        return "raw-" + pkg + "-" + component + "-" + manifest;
    }

    /** {@code jackal-<sha1 hex of the chart name>}. */
    public static String releaseName(String chartName) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(chartName.getBytes(StandardCharsets.UTF_8));
            return "jackal-" + HexFormat.of().formatHex(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1", e);
        }
    }

    /**
     * Writes the chart into {@code chartDir}.
     *
     * @param files the manifest files, in order (the manifest's files, then its rendered kustomizations)
     * @param startTime the deploy's start, in seconds since the epoch (the chart's patch version)
     */
    public static void write(Path chartDir, String chartName, List<Path> files, long startTime) throws IOException {
        Files.createDirectories(chartDir.resolve("templates"));
        Files.writeString(
                chartDir.resolve("Chart.yaml"),
                "apiVersion: v1\nname: " + chartName + "\nversion: 0.1." + startTime + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(chartDir.resolve("values.yaml"), "{}\n", StandardCharsets.UTF_8);
        for (Path file : files) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(
                    chartDir.resolve("templates").resolve(file.getFileName().toString()),
                    "{{ " + GoStrings.quote(content) + " }}",
                    StandardCharsets.UTF_8);
        }
    }
}
