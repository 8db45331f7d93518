package dev.jackal.core.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@link DefinitionWriter} writes, an independent YAML 1.1 reader (SnakeYAML's own loader and resolver,
 * not Jackson) reads back as the same data: every string stays the same string, whatever it looks like. The
 * package is built by {@link ModelFiller}, so every field of every model type, including ones added later, is
 * filled with each tricky value.
 */
class DefinitionRoundTripTest {

    private static final Path FILE = Path.of("jackal.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strings that a YAML reader could take for something else, or that need escaping. */
    private static final List<String> TRICKY = List.of(
            "plain-name",
            "ghcr.io/org/app:1.2.3",
            "/etc/app/database.conf",
            "/",
            "https://example.com/charts",
            "Deploys the demo app",
            "1.10",
            "3",
            "-3",
            "+12",
            "0x1F",
            "0o17",
            "017",
            "0b101",
            "1_000",
            "1e3",
            "6.8523015e+5",
            ".5",
            ".inf",
            "-.Inf",
            ".NaN",
            "12:30",
            "190:20:30.15",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "true",
            "False",
            "~",
            "null",
            "Null",
            "NULL",
            "",
            " leading space",
            "trailing space ",
            "# comment",
            "a #not comment",
            "key: value",
            "ends with colon:",
            "a:b",
            "- item",
            "? key",
            "[a, b]",
            "{a: b}",
            "&anchor",
            "*alias",
            "!tag",
            "!!str",
            "|",
            ">",
            "'single'",
            "\"double\"",
            "%directive",
            "@at",
            "`tick",
            "=",
            "<<",
            "---",
            "...",
            "back\\slash",
            "line1\nline2",
            "trailing newline\n",
            "\n",
            "crlf\r\nline",
            "\ttab",
            "unicode é ✓ 日本",
            "control \u0007 bell",
            "next line \u0085 and separator \u2028",
            "a  double  space",
            "word ".repeat(40).strip(),
            "x".repeat(300));

    static Stream<Arguments> tricky() {
        return IntStream.range(0, TRICKY.size()).mapToObj(i -> Arguments.of(i, TRICKY.get(i)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("tricky")
    void yaml11ReaderReadsBackWhatWasWritten(int variant, String text) {
        JackalPackage pkg = new ModelFiller(text, variant).fill(JackalPackage.class);
        Object expected = JSON.convertValue(pkg, Object.class);

        String yaml = DefinitionWriter.toYaml(pkg);
        assertEquals(expected, yaml11(yaml), yaml);
        assertEquals(expected, jackson(yaml), yaml);

        String quoted = DefinitionWriter.toQuotedYaml(pkg);
        assertEquals(expected, yaml11(quoted), quoted);
        assertEquals(expected, jackson(quoted), quoted);
    }

    @Test
    void everyModelRecordIsCovered() throws IOException, URISyntaxException {
        ModelFiller filler = new ModelFiller("x", 0);
        filler.fill(JackalPackage.class);
        Set<String> covered =
                filler.records().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        assertEquals(modelRecords(), new TreeSet<>(covered));
    }

    /** What jackal itself reads back, as data (an empty string and an absent field are the same to the model). */
    private static Object jackson(String yaml) {
        return JSON.convertValue(
                DefinitionReader.parse(FILE, yaml, DefinitionReader.Strictness.STRICT)
                        .pkg(),
                Object.class);
    }

    private static Object yaml11(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    private static Set<String> modelRecords() throws IOException, URISyntaxException {
        Path dir = Path.of(JackalPackage.class.getResource("").toURI());
        Set<String> records = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    try {
                        Class<?> type = Class.forName(
                                JackalPackage.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                        if (type.isRecord()) {
                            records.add(type.getSimpleName());
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return records;
    }
}
