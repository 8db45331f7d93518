package dev.jackal.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.Definition;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionProblem;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.Constant;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.Variable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposerTest {

    private final Composer composer = new Composer(SkeletonResolver.LOCAL_ONLY);

    private static Definition fixture(String name) throws URISyntaxException {
        Path file = Path.of(ComposerTest.class
                .getResource("/compose/" + name + "/jackal.yaml")
                .toURI());
        return DefinitionReader.read(file, DefinitionReader.Strictness.STRICT);
    }

    @Test
    void chainOfThreeFoldsTailToHead() throws Exception {
        JackalPackage pkg = composer.compose(fixture("chain"), "amd64", "").pkg();

        assertEquals(
                List.of("web"), pkg.components().stream().map(Component::name).toList(), "arm-only filtered");
        Component web = pkg.components().get(0);
        assertEquals("the head's words win", web.description());
        assertEquals(Boolean.TRUE, web.required());
        assertNull(web.importSpec());
        assertEquals("linux", web.only().localOS());
        // images: child first (parent after child), tail first
        assertEquals(List.of("ghcr.io/example/base:1.0", "ghcr.io/example/child:1.0"), web.images());
        // paths re-rooted to the head's directory
        assertEquals(
                List.of("child/grandchild/base.txt", "head.txt"),
                web.files().stream().map(f -> f.source()).toList());
        ChartSpec chart = web.charts().get(0);
        assertEquals("head-ns", chart.namespace());
        assertEquals("6.4.0", chart.version());
        assertEquals("child/chart", chart.localPath());
        assertEquals(List.of("child/child-values.yaml", "head-values.yaml"), chart.valuesFiles());
        assertEquals(
                List.of("child/manifests/cm.yaml", "https://example.invalid/remote.yaml"),
                web.manifests().get(0).files());
        // onCreate dirs: the grandchild's default dir is re-rooted into its action; the child's gets its own dir
        assertEquals(
                List.of("child/grandchild/scripts", "child"),
                web.actions().onCreate().before().stream().map(a -> a.dir()).toList());
        // variables and constants: head first, then tail to head; the first definition of a name wins
        assertEquals(
                List.of("GREETING:from-head", "CHILD_ONLY:child"),
                pkg.variables().stream()
                        .map(v -> v.name() + ":" + v.defaultValue())
                        .toList());
        assertEquals(
                List.of("LEVEL:grandchild", "DEEP:deep"),
                pkg.constants().stream().map(c -> c.name() + ":" + c.value()).toList());
    }

    @Test
    void armBuildKeepsTheArmComponent() throws Exception {
        JackalPackage pkg = composer.compose(fixture("chain"), "arm64", "").pkg();
        assertEquals(
                List.of("web", "arm-only"),
                pkg.components().stream().map(Component::name).toList());
        assertNull(pkg.components().get(1).only(), "only.cluster is cleared on composed components");
    }

    @Test
    void flavorPicksItsComponents() throws Exception {
        JackalPackage chocolate =
                composer.compose(fixture("flavors"), "amd64", "chocolate").pkg();
        assertEquals(List.of("app:chocolate"), chocolate.components().get(0).images());
        assertEquals(2, chocolate.components().size());
        JackalPackage none = composer.compose(fixture("flavors"), "amd64", "").pkg();
        assertEquals(
                List.of("common"),
                none.components().stream().map(Component::name).toList());
    }

    @Test
    void cycleShowsTheChain() throws Exception {
        DefinitionException e =
                assertThrows(DefinitionException.class, () -> composer.compose(fixture("cycle"), "amd64", ""));
        DefinitionProblem problem = e.problems().get(0);
        assertTrue(
                problem.message()
                        .startsWith("detected circular import chain: loop (cycle in .) -> loop (cycle-a in a)"
                                + " -> loop (cycle-b in b) -> loop (cycle-a in a)"),
                problem.message());
        assertTrue(problem.location().file().toString().endsWith("cycle/b/jackal.yaml"), problem.toString());
        assertEquals(7, problem.location().line(), problem.toString());
        assertEquals("components[0].import.path", problem.field());
    }

    @Test
    void importOfAMissingComponentNamesItAndTheFile() throws Exception {
        DefinitionException e =
                assertThrows(DefinitionException.class, () -> composer.compose(fixture("missing"), "amd64", ""));
        DefinitionProblem problem = e.problems().get(0);
        assertTrue(problem.message().startsWith("component \"not-there\" not found in \""), problem.message());
        assertTrue(problem.message().contains("missing/other/jackal.yaml"), problem.message());
        assertEquals(6, problem.location().line(), problem.toString());
        assertEquals("components[0].import", problem.field());
    }

    @Test
    void importOfAMissingDirectorySaysSo() throws Exception {
        Definition definition = fixture("missing");
        JackalPackage onlySecond = new JackalPackage(
                null,
                definition.pkg().kind(),
                definition.pkg().metadata(),
                null,
                List.of(definition.pkg().components().get(1)),
                List.<Constant>of(),
                List.<Variable>of());
        // same file and source map: the problem still points at the second component's line
        DefinitionException e = assertThrows(
                DefinitionException.class, () -> composer.compose(definition.withPackage(onlySecond), "amd64", ""));
        assertTrue(e.getMessage().contains("imports 'nowhere', but there is no jackal.yaml"), e.getMessage());
    }

    @Test
    void remoteImportIsRefusedClearly() throws Exception {
        Definition definition = DefinitionReader.parse(
                Path.of("remote/jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: remote
                components:
                  - name: a
                    import:
                      url: oci://127.0.0.1:5000/skeletons/a:1.0.0
                """,
                DefinitionReader.Strictness.STRICT);
        DefinitionException e =
                assertThrows(DefinitionException.class, () -> composer.compose(definition, "amd64", ""));
        assertEquals(
                "remote/jackal.yaml:7:7: components[0].import.url: importing components from"
                        + " oci://127.0.0.1:5000/skeletons/a:1.0.0 needs registry access, which this caller does not"
                        + " give",
                e.getMessage());
    }

    @Test
    void missingLocalFileIsReportedAtItsLine() {
        Definition definition = DefinitionReader.parse(
                Path.of("/nonexistent-dir/jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: files
                components:
                  - name: a
                    files:
                      - source: not-here.txt
                        target: /opt/x
                """,
                DefinitionReader.Strictness.STRICT);
        DefinitionException e =
                assertThrows(DefinitionException.class, () -> composer.compose(definition, "amd64", ""));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(
                e.getMessage()
                        .startsWith("/nonexistent-dir/jackal.yaml:7:9: components[0].files[0].source:"
                                + " 'not-here.txt' does not exist"),
                e.getMessage());
    }

    @Test
    void badUrlIsReportedAtItsLine() {
        Definition definition = DefinitionReader.parse(
                Path.of("/tmp/jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: urls
                components:
                  - name: a
                    manifests:
                      - name: remote
                        files:
                          - https://exa mple.invalid/x.yaml
                    charts:
                      - name: c
                        version: 1.0.0
                        namespace: c
                        url: ftp://charts.example.invalid/c
                """,
                DefinitionReader.Strictness.STRICT);
        DefinitionException e =
                assertThrows(DefinitionException.class, () -> composer.compose(definition, "amd64", ""));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals(
                "/tmp/jackal.yaml:14:9: components[0].charts[0].url: 'ftp://charts.example.invalid/c' is not a"
                        + " supported URL here; use http:// or https:// or oci://",
                e.problems().get(0).toString());
        assertTrue(
                e.problems()
                        .get(1)
                        .toString()
                        .startsWith("/tmp/jackal.yaml:9:13: components[0].manifests[0].files[0]:"
                                + " 'https://exa mple.invalid/x.yaml' is not a valid URL"),
                e.problems().get(1).toString());
    }
}
