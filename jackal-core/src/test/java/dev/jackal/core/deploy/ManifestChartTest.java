package dev.jackal.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marcnuri.helm.Helm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestChartTest {

    @TempDir
    Path dir;

    @Test
    void namesFollowTheSpec() {
        String chart = ManifestChart.chartName("demo", "web", "config");
        assertEquals("raw-demo-web-config", chart);
        // sha1("raw-demo-web-config"), computed independently with sha1sum
        assertEquals("jackal-" + sha1sum(chart), ManifestChart.releaseName(chart));
    }

    @Test
    void helmRendersTheManifestsExactlyAsWritten() throws Exception {
        String tricky =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tricky
                data:
                  template: "{{ .Values.notHelm }} and \\"quotes\\" and back\\\\slash"
                  tabs: "a\tb"
                  unicode: "grüße ✓"
                """;
        Path manifest = dir.resolve("config-0.yaml");
        Files.writeString(manifest, tricky, StandardCharsets.UTF_8);
        Path chart = dir.resolve("chart");
        ManifestChart.write(chart, "raw-demo-web-config", List.of(manifest), 1_700_000_000L);
        String rendered = Helm.template(chart.toString()).withName("jackal-x").call();
        assertEquals(
                tricky.strip(),
                rendered.substring(rendered.indexOf("apiVersion")).strip());
        assertEquals(
                "apiVersion: v1\nname: raw-demo-web-config\nversion: 0.1.1700000000\n",
                Files.readString(chart.resolve("Chart.yaml")));
    }

    private static String sha1sum(String text) {
        try {
            Process p = new ProcessBuilder("sha1sum").start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ")[0];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
