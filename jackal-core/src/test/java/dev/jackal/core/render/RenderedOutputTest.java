package dev.jackal.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.state.ConnectString;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderedOutputTest {

    static final String OUTPUT =
            """
            ---
            # Source: app/templates/namespace.yaml
            apiVersion: v1
            kind: Namespace
            metadata:
              name: extra
              labels:
                team: a
            ---
            # Source: app/templates/cm.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
            data:
              text: |
                ---
                indented separators stay inside the block
            ---
            # Source: app/templates/cm.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: two
              namespace: other
            ---
            # Source: app/templates/empty.yaml
            # only a comment
            ---
            # Source: app/charts/web/templates/svc.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
                jackal.dev/connect-name: shop
              annotations:
                jackal.dev/connect-description: The shop
                jackal.dev/connect-url: /buy
                helm.sh/hook: post-install
            """;

    @Test
    void splitsDocumentsAndKeepsTheirSources() {
        List<RenderedDocument> docs = RenderedOutput.parse(OUTPUT);
        assertEquals(4, docs.size(), docs.toString());
        assertEquals("app/templates/namespace.yaml", docs.get(0).source());
        assertEquals("Namespace/extra", docs.get(0).describe());
        assertEquals(Map.of("team", "a"), docs.get(0).labels());
        assertTrue(docs.get(1).content().contains("indented separators stay inside the block"));
        assertEquals("other", docs.get(2).namespace());
        assertEquals("app/charts/web/templates/svc.yaml", docs.get(3).source());
        assertTrue(docs.get(3).hook());
        assertFalse(docs.get(1).hook());
    }

    @Test
    void planTakesNamespacesOutAndCollectsConnectStrings() {
        RenderPlan plan = RenderPlan.of(RenderedOutput.parse(OUTPUT), "release-ns");
        assertEquals(
                List.of("extra"),
                plan.namespaceObjects().stream().map(RenderedDocument::name).toList());
        assertEquals(Set.of("app/templates/namespace.yaml"), plan.namespaceSources());
        assertEquals(List.of("release-ns", "other"), List.copyOf(plan.namespaces()));
        assertEquals(Map.of("shop", new ConnectString("The shop", "/buy")), plan.connectStrings());
        assertEquals(3, plan.resources().size());
    }

    @Test
    void packageBuiltByZarfTakesConnectStringsFromZarfLabels() {
        String zarf = OUTPUT.replace("jackal.dev/", "zarf.dev/");
        assertEquals(
                Map.of("shop", new ConnectString("The shop", "/buy")),
                RenderPlan.of(RenderedOutput.parse(zarf), "ns", PackageDialect.ZARF)
                        .connectStrings());
        assertEquals(Map.of(), RenderPlan.of(RenderedOutput.parse(zarf), "ns").connectStrings());
        assertEquals(
                Map.of(),
                RenderPlan.of(RenderedOutput.parse(OUTPUT), "ns", PackageDialect.ZARF)
                        .connectStrings());
    }

    @Test
    void invalidYamlNamesTheTemplate() {
        RenderException e = assertThrows(
                RenderException.class,
                () -> RenderedOutput.parse("---\n# Source: app/templates/bad.yaml\nkey: [unclosed\n"));
        assertEquals("app/templates/bad.yaml", e.source());
        assertTrue(e.getMessage().contains("app/templates/bad.yaml"), e.getMessage());
    }

    @Test
    void crdDocumentsAreRecognisedBySource() {
        RenderedDocument crd = RenderedOutput.parse("---\n# Source: app/crds/w.yaml\nkind: CustomResourceDefinition\n")
                .get(0);
        assertTrue(crd.crd());
    }

    @Test
    void largeRenderedObjectsWithinTheDocumentLimitsParse() {
        // more than SnakeYAML's default 3 MiB document limit, which refused it; a chart repository's index.yaml
        // is read with the same YamlLimits.DOCUMENT bounds
        String data = "    line of a dashboard that is large\n".repeat(100_000);
        List<RenderedDocument> documents = RenderedOutput.parse(
                "# Source: app/templates/big.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n"
                        + "  big.json: |\n" + data);
        assertEquals(1, documents.size());
        assertEquals("big", documents.get(0).name());
    }
}
