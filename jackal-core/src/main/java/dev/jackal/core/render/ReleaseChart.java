package dev.jackal.core.render;

import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.template.DeployTemplater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart jackal installs as a release: an unpacked, editable copy of a package's chart (subcharts unpacked
 * too) on which the post-render duties are done before Helm sees it. Helm then renders it for real, so hooks,
 * CRDs, {@code lookup} and the cluster's capabilities behave exactly as with {@code helm upgrade --install}.
 */
public final class ReleaseChart {

    private static final Pattern DEFINE = Pattern.compile("\\{\\{-?\\s*define\\b");

    private final Path root;

    private ReleaseChart(Path root) {
        this.root = root;
    }

    /** The chart directory. */
    public Path root() {
        return root;
    }

    /**
     * Unpacks {@code chart} (a {@code .tgz} or a directory) under {@code workDir}, with every packed subchart in
     * {@code charts/} unpacked in place. Archives go through the safe extractor: they are package content.
     */
    public static ReleaseChart unpack(Path chart, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path root;
        if (Files.isDirectory(chart)) {
            root = workDir.resolve(chart.getFileName().toString());
            copyTree(chart, root);
        } else {
            Path into = Files.createTempDirectory(workDir, "chart");
            SafeExtractor.extract(chart, into, ExtractOptions.defaults());
            root = chartRoot(into, chart);
        }
        unpackSubcharts(root);
        return new ReleaseChart(root);
    }

    private static void unpackSubcharts(Path chartRoot) throws IOException {
        Path charts = chartRoot.resolve("charts");
        if (!Files.isDirectory(charts, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(charts)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                    && entry.getFileName().toString().endsWith(".tgz")) {
                Path into = Files.createTempDirectory(charts, ".unpack");
                SafeExtractor.extract(entry, into, ExtractOptions.defaults());
                Path sub = chartRoot(into, entry);
                Path target = charts.resolve(sub.getFileName().toString());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("subchart " + entry.getFileName() + " unpacks over " + target.getFileName()
                            + ", which the chart holds already");
                }
                Files.move(sub, target);
                dev.jackal.core.layout.Directories.delete(into);
                Files.delete(entry);
                unpackSubcharts(target);
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                unpackSubcharts(entry);
            }
        }
    }

    /** The one directory with a {@code Chart.yaml} that a chart archive holds. */
    private static Path chartRoot(Path extracted, Path archive) throws IOException {
        try (Stream<Path> list = Files.list(extracted)) {
            List<Path> roots = list.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"), LinkOption.NOFOLLOW_LINKS))
                    .toList();
            if (roots.size() != 1) {
                throw new IOException(archive.getFileName() + " is not a Helm chart archive: expected one top"
                        + " directory with a Chart.yaml, found " + roots.size());
            }
            return roots.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    continue; // a chart's files are read by Helm; links out of it are not followed
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Deploy-time templating (spec §1.7B) of every text file of the chart: files under a {@code templates/}
     * directory as Helm template sources (values that look like template code are quoted), the rest as text.
     */
    public void template(DeployTemplater templater) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        for (Path file : files) {
            boolean templateSource = false;
            for (Path part : root.relativize(file)) {
                templateSource |= part.toString().equals("templates");
            }
            if (templateSource) {
                templater.goTemplateFile(file);
            } else {
                templater.file(file);
            }
        }
    }

    /**
     * Rewrites the template {@code source} (a path as in Helm's {@code # Source:} comment) so that it emits
     * everything it did except {@code Namespace} objects: the original body becomes a named template, and the
     * file keeps only the documents of its output that are not Namespaces.
     *
     * @return false when the template cannot be wrapped (it defines named templates itself)
     * @throws IOException when {@code source} is not a template of this chart
     */
    public boolean stripNamespaces(String source) throws IOException {
        Path file = sourceFile(source);
        String body = Files.readString(file, StandardCharsets.UTF_8);
        if (DEFINE.matcher(body).find()) {
            return false;
        }
        String name = "jackal.strip." + sha1(source).substring(0, 16);
        Files.writeString(
                file.resolveSibling("_jackal-strip-" + sha1(source).substring(0, 16) + ".tpl"),
                "{{ define \"" + name + "\" }}" + body + "{{ end }}",
                StandardCharsets.UTF_8);
        Files.writeString(
                file,
                "{{- range $doc := regexSplit `(?m)^---[ \\t]*$` (include \"" + name + "\" .) -1 }}\n"
                        + "{{- if not (regexMatch `(?m)^kind:[ \\t]*[\"']?Namespace[\"']?[ \\t]*(#.*)?$` $doc) }}\n"
                        + "---\n"
                        + "{{ $doc }}\n"
                        + "{{- end }}\n"
                        + "{{- end }}\n",
                StandardCharsets.UTF_8);
        return true;
    }

    private Path sourceFile(String source) throws IOException {
        int slash = source.indexOf('/');
        Path relative = slash < 0 ? null : Path.of(source.substring(slash + 1)).normalize();
        if (relative == null || relative.isAbsolute() || relative.startsWith("..")) {
            throw new IOException("the rendered source " + source + " is not a file of chart " + root.getFileName());
        }
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the rendered source " + source + " is not a file of chart " + root.getFileName());
        }
        return file;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1", e);
        }
    }
}
