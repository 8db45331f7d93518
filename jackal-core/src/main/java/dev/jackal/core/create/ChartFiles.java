package dev.jackal.core.create;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks a local chart before Helm sees it, so a broken one fails with one line naming the file: a
 * {@code Chart.yaml} must be a YAML mapping with {@code name} and {@code version} (a syntax error is
 * reported at its line and column), and a chart archive must be a complete gzip tar with
 * {@code <dir>/Chart.yaml} at its top.
 */
final class ChartFiles {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ChartFiles() {}

    /** The parsed {@code Chart.yaml} of a chart directory. */
    static JsonNode chartYaml(Path chartDir) throws InvalidChartException {
        Path file = chartDir.resolve("Chart.yaml");
        if (!Files.isRegularFile(file)) {
            throw new InvalidChartException(chartDir + " is not a chart directory: it has no Chart.yaml");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new InvalidChartException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads {@code tgz} through to its end and checks the {@code Chart.yaml} in it. */
    static void checkArchive(Path tgz) throws InvalidChartException {
        boolean found = false;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!found && name.indexOf('/') == name.lastIndexOf('/') && name.endsWith("/Chart.yaml")) {
                    parse(tar, tgz + "!" + name);
                    found = true;
                } else {
                    tar.transferTo(OutputStream.nullOutputStream());
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidChartException(tgz + " is not a readable chart archive (.tgz): " + e.getMessage());
        }
        if (!found) {
            throw new InvalidChartException(tgz + " is not a chart archive: it holds no <chart>/Chart.yaml");
        }
    }

    private static JsonNode parse(InputStream in, String where) throws InvalidChartException, IOException {
        JsonNode chart;
        try {
            chart = YAML.readTree(new NonClosing(in));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new InvalidChartException(where + position + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (chart == null || !chart.isObject()) {
            throw new InvalidChartException(where + ": a Chart.yaml is a mapping with apiVersion, name and version");
        }
        for (String field : new String[] {"name", "version"}) {
            if (chart.path(field).asText("").isEmpty()) {
                throw new InvalidChartException(where + ": '" + field + "' is missing");
            }
        }
        return chart;
    }

    /** Lets the YAML parser read one tar entry without closing the archive. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }

    /** A local chart Helm would choke on; the message names the file (and the line:column for YAML). */
    static final class InvalidChartException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidChartException(String message) {
            super(message);
        }
    }
}
