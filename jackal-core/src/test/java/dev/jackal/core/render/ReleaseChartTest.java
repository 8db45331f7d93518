package dev.jackal.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.template.DeployTemplater;
import dev.jackal.core.template.TemplateValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editable release copy of a chart, checked with the real Helm's template command. */
class ReleaseChartTest {

    @TempDir
    Path dir;

    private Path chart(String name) throws IOException {
        Path chart = dir.resolve("src").resolve(name);
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), "word: \"###JACKAL_VAR_WORD###\"\n");
        return chart;
    }

    @Test
    void unpacksPackedSubchartsTemplatesFilesAndQuotesTemplateCode() throws Exception {
        Path sub = chart("sub");
        Files.writeString(
                sub.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\ndata:\n  v: \"###JACKAL_VAR_CODE###\"\n");
        new Helm(sub).packageIt().withDestination(dir).call();
        Path packed = dir.resolve("sub-1.0.0.tgz");
        Path parent = chart("parent");
        Files.createDirectories(parent.resolve("charts"));
        Files.copy(packed, parent.resolve("charts").resolve(packed.getFileName()));
        Files.writeString(
                parent.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: parent\ndata:\n  word: {{ .Values.word | quote }}\n"
                        + "  inside: {{ \"###JACKAL_VAR_WORD###\" | upper | quote }}\n");
        new Helm(parent).packageIt().withDestination(dir).call();
        Path tgz = dir.resolve("parent-1.0.0.tgz");

        ReleaseChart copy = ReleaseChart.unpack(tgz, dir.resolve("work"));
        assertTrue(Files.isRegularFile(copy.root().resolve("charts/sub/templates/cm.yaml")), "subchart unpacked");
        assertFalse(Files.exists(copy.root().resolve("charts").resolve(packed.getFileName())));
        copy.template(new DeployTemplater(
                Map.of(
                        "###JACKAL_VAR_WORD###", new TemplateValue("hello", false, false, false),
                        "###JACKAL_VAR_CODE###", new TemplateValue("{{ .Release.Name }}", false, false, false)),
                EventHandler.NONE));

        String out = Helm.template(copy.root().toString()).withName("r").call();
        assertTrue(out.contains("word: \"hello\""), out);
        assertTrue(out.contains("inside: \"HELLO\""), out);
        assertTrue(
                out.contains("v: \"{{ .Release.Name }}\""), "a value that looks like template code stays text: " + out);
    }

    @Test
    void strippedTemplateEmitsEverythingButNamespaces() throws Exception {
        Path chart = chart("ns");
        Files.writeString(
                chart.resolve("templates/all.yaml"),
                """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: {{ .Release.Name }}-space
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-kept
                  namespace: {{ .Release.Name }}-space
                data:
                  doc: |
                    ---
                    kind: Namespace
                """);
        ReleaseChart copy = ReleaseChart.unpack(chart, dir.resolve("work"));
        List<RenderedDocument> before = RenderedOutput.parse(
                Helm.template(copy.root().toString()).withName("r").call());
        assertEquals(
                List.of("Namespace/r-space", "ConfigMap/r-kept"),
                before.stream().map(RenderedDocument::describe).toList());

        assertTrue(copy.stripNamespaces("ns/templates/all.yaml"));
        List<RenderedDocument> after = RenderedOutput.parse(
                Helm.template(copy.root().toString()).withName("r").call());
        assertEquals(
                List.of("ConfigMap/r-kept"),
                after.stream().map(RenderedDocument::describe).toList());
        assertTrue(after.get(0).content().contains("kind: Namespace"), "block text is not an object: " + after);
    }

    @Test
    void templatesThatDefineTemplatesAreNotWrappedAndSourcesMustBeChartFiles() throws Exception {
        Path chart = chart("defs");
        Files.writeString(
                chart.resolve("templates/ns.yaml"),
                "{{- define \"x\" }}n{{ end }}\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        ReleaseChart copy = ReleaseChart.unpack(chart, dir.resolve("work"));
        assertFalse(copy.stripNamespaces("defs/templates/ns.yaml"));
        assertThrows(IOException.class, () -> copy.stripNamespaces("defs/../../etc/passwd"));
        assertThrows(IOException.class, () -> copy.stripNamespaces("defs/templates/missing.yaml"));
    }
}
