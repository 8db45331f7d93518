package dev.jackal.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.model.JackalPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class CreateTemplaterTest {

    private static final Path FILE = Path.of("pkg/jackal.yaml");

    private static JackalPackage parse(String yaml) {
        return DefinitionReader.parse(FILE, yaml, DefinitionReader.Strictness.STRICT)
                .pkg();
    }

    private static final String DEFINITION =
            """
            kind: JackalPackageConfig
            metadata:
              name: tmpl
              architecture: arm64
              description: "###JACKAL_PKG_TMPL_DESCRIPTION###"
            components:
              - name: web
                description: "component ###JACKAL_COMPONENT_NAME### for ###JACKAL_PKG_ARCH###"
                images:
                  - "registry.example.invalid/app:###JACKAL_PKG_TMPL_TAG###"
              - name: db
                description: "###JACKAL_COMPONENT_NAME###"
            """;

    @Test
    void replacesComponentNameArchAndSetValues() {
        JackalPackage out = CreateTemplater.apply(
                        FILE,
                        parse(DEFINITION),
                        Map.of("tag", "1.2.3", "DESCRIPTION", "say \"hi\" \\"),
                        CreateTemplater.MissingValues.REFUSE)
                .pkg();
        assertEquals("component web for arm64", out.components().get(0).description());
        assertEquals("db", out.components().get(1).description());
        assertEquals(
                List.of("registry.example.invalid/app:1.2.3"),
                out.components().get(0).images());
        assertEquals("say \"hi\" \\", out.metadata().description(), "quotes and backslashes survive");
    }

    @Test
    void missingValueWithoutPromptFailsNamingTheKey() {
        DefinitionException e = assertThrows(
                DefinitionException.class,
                () -> CreateTemplater.apply(
                        FILE, parse(DEFINITION), Map.of("TAG", "1"), CreateTemplater.MissingValues.REFUSE));
        assertTrue(
                e.getMessage().contains("template \"DESCRIPTION\" must be '--set' when using the '--confirm' flag"),
                e.getMessage());
    }

    @Test
    void missingValueCanBeSupplied() {
        JackalPackage out = CreateTemplater.apply(
                        FILE, parse(DEFINITION), Map.of(), key -> Optional.of("asked-" + key.toLowerCase()))
                .pkg();
        assertEquals("asked-description", out.metadata().description());
        assertEquals(
                List.of("registry.example.invalid/app:asked-tag"),
                out.components().get(0).images());
    }

    @Test
    void multiLineValueStaysOneString() {
        JackalPackage out = CreateTemplater.apply(
                        FILE,
                        parse(DEFINITION),
                        Map.of("TAG", "1", "DESCRIPTION", "line1\nline2: x\n- y"),
                        CreateTemplater.MissingValues.REFUSE)
                .pkg();
        assertEquals("line1\nline2: x\n- y", out.metadata().description());
    }

    @Test
    void deprecatedPkgVarWarns() {
        JackalPackage pkg = parse(
                """
                kind: JackalPackageConfig
                metadata:
                  name: old
                  description: "###JACKAL_PKG_VAR_OLD###"
                components:
                  - name: a
                """);
        CreateTemplater.Result result =
                CreateTemplater.apply(FILE, pkg, Map.of("OLD", "v"), CreateTemplater.MissingValues.REFUSE);
        assertEquals("v", result.pkg().metadata().description());
        assertEquals(1, result.warnings().size());
        assertTrue(
                result.warnings().get(0).contains("deprecated"),
                result.warnings().get(0));
    }

    @Test
    void writerIsDeterministicAndRoundTrips() {
        JackalPackage pkg = parse(DEFINITION);
        String first = DefinitionWriter.toYaml(pkg);
        assertEquals(first, DefinitionWriter.toYaml(parse(first)));
        assertEquals(pkg, parse(first));
        assertTrue(first.startsWith("kind: JackalPackageConfig\nmetadata:\n  name: tmpl\n"), first);
    }

    @Test
    void templatedValuesThatLookLikeNumbersStayTextForAYaml11Reader() {
        JackalPackage pkg = parse(
                """
                kind: JackalPackageConfig
                metadata:
                  name: tmpl
                  version: "###JACKAL_PKG_TMPL_VERSION###"
                components:
                  - name: a
                constants:
                  - name: REPLICAS
                    value: "###JACKAL_PKG_TMPL_REPLICAS###"
                  - name: MASK
                    value: "###JACKAL_PKG_TMPL_MASK###"
                """);
        JackalPackage out = CreateTemplater.apply(
                        FILE,
                        pkg,
                        Map.of("VERSION", "1.10", "REPLICAS", "3", "MASK", "0x1F"),
                        CreateTemplater.MissingValues.REFUSE)
                .pkg();
        assertEquals("3", out.constants().get(0).value());

        Map<String, Object> read =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(DefinitionWriter.toYaml(out));
        assertEquals("1.10", ((Map<?, ?>) read.get("metadata")).get("version"));
        List<?> constants = (List<?>) read.get("constants");
        assertEquals("3", ((Map<?, ?>) constants.get(0)).get("value"));
        assertEquals("0x1F", ((Map<?, ?>) constants.get(1)).get("value"));
    }
}
