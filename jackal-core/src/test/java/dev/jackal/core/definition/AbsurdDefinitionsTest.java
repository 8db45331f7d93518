package dev.jackal.core.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions of absurd size or shape are refused quickly, with one line that names the file and, where it
 * can, the line and the field, instead of running for minutes or filling the heap. The bound of 20 s is far
 * above the few milliseconds each takes, so it cannot flake; before the limits, each ran for minutes or
 * ended in an {@link OutOfMemoryError} or {@link StackOverflowError}.
 */
class AbsurdDefinitionsTest {

    private static final Duration QUICKLY = Duration.ofSeconds(20);
    private static final String HEAD =
            """
            kind: JackalPackageConfig
            metadata:
              name: absurd
            """;

    @TempDir
    Path dir;

    @Test
    void billionLaughsIsRefused() {
        // 25 levels of two aliases each: 2^25 copies of the innermost list when expanded
        StringBuilder yaml = new StringBuilder(HEAD).append("components:\n  - name: a\n    images: &l0 [x]\n");
        for (int i = 1; i <= 25; i++) {
            yaml.append("  - name: c")
                    .append(i)
                    .append("\n    repos: &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }
        DefinitionException e = refused(yaml.toString());
        assertProblem(e, 8, "components[1].repos[0]", "YAML aliases are not supported here: '*l0'");
    }

    @Test
    void recursiveAliasIsRefused() {
        DefinitionException e = refused(HEAD + "components: &c\n  - name: a\n    images: *c\n");
        assertProblem(e, 6, "components[0].images", "'*c' stands for a value anchored elsewhere");
    }

    @Test
    void deepNestingIsRefusedEvenWhereUnknownKeysAreSkipped() {
        // a built package is read leniently: an unknown key's value is skipped, but not without bounds
        int depth = 1_000_000;
        String yaml = HEAD + "components:\n  - name: a\nfuture: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
        DefinitionException e = refused(yaml, DefinitionReader.Strictness.LENIENT);
        assertProblem(
                e, 6, "future[0][0][0][0][0][0][0][0][0][0][0]…", "nested deeper than 64 levels of mappings and lists");
    }

    @Test
    void deepBlockNestingIsRefusedEvenWhereUnknownKeysAreSkipped() {
        StringBuilder yaml = new StringBuilder(HEAD).append("components:\n  - name: a\nfuture:\n");
        for (int i = 0; i < 2_000; i++) {
            yaml.append("  ".repeat(i)).append("- \n");
        }
        DefinitionException e = refused(yaml.toString(), DefinitionReader.Strictness.LENIENT);
        assertTrue(e.getMessage().contains("nested deeper than 64 levels"), e.getMessage());
    }

    @Test
    void deepNestingWhereTheModelHasNoRoomFailsOnTheFirstWrongType() {
        int depth = 1_000_000;
        DefinitionException e = refused(HEAD + "components: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
        assertProblem(e, 4, "components[0]", "expected a mapping");
    }

    @Test
    void hugeValueInAFileUnderTheFileCapIsRefused() throws IOException {
        Path file = dir.resolve("jackal.yaml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((HEAD + "components:\n  - name: a\n    actions:\n      onDeploy:\n        before:\n"
                            + "          - cmd: \"")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "echo hello; ".repeat(1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3 * 512 * 1024 / chunk.length; i++) {
                out.write(chunk);
            }
            out.write("\"\n".getBytes(StandardCharsets.UTF_8));
        }
        DefinitionException e = assertTimeoutPreemptively(
                QUICKLY,
                () -> assertThrows(
                        DefinitionException.class,
                        () -> DefinitionReader.read(file, DefinitionReader.Strictness.STRICT)));
        assertProblem(
                e,
                9,
                "components[0].actions.onDeploy.before[0].cmd",
                "a value of 1572864 characters is longer than the limit of 1 MiB");
    }

    @Test
    void hugeKeyIsRefused() {
        // a plain key is at most 1024 characters in YAML; an explicit key ('? ') has no such bound
        DefinitionException e = refused(HEAD + "components:\n  - ? " + "k".repeat(5000) + "\n    : v\n");
        assertProblem(e, 5, "components[0]", "a key of 5000 characters is longer than the limit of 4 KiB");
    }

    @Test
    void hundredMegabyteFileIsRefusedBeforeReading() throws IOException {
        Path file = dir.resolve("jackal.yaml");
        try (var channel = Files.newByteChannel(
                file, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(100L * 1024 * 1024);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
        }
        DefinitionException e = assertTimeoutPreemptively(
                QUICKLY,
                () -> assertThrows(
                        DefinitionException.class,
                        () -> DefinitionReader.read(file, DefinitionReader.Strictness.STRICT)));
        assertEquals(
                file + ": the file is larger than 4 MiB, the limit for a package definition (it names files,"
                        + " charts and images; it does not hold them)",
                e.getMessage());
    }

    @Test
    void documentOverTheLimitIsRefusedWhenParsedFromText() {
        // text that did not come from a file (templating reparses the definition) meets the same limit
        String yaml = HEAD + "components:\n" + "  - name: a\n".repeat(400_000);
        DefinitionException e = refused(yaml);
        assertEquals(
                "jackal.yaml: the definition is longer than 4 MiB, the limit for a package definition (it names"
                        + " files, charts and images; it does not hold them)",
                e.getMessage());
    }

    private static DefinitionException refused(String yaml) {
        return refused(yaml, DefinitionReader.Strictness.STRICT);
    }

    private static DefinitionException refused(String yaml, DefinitionReader.Strictness strictness) {
        return assertTimeoutPreemptively(
                QUICKLY,
                () -> assertThrows(
                        DefinitionException.class,
                        () -> DefinitionReader.parse(Path.of("jackal.yaml"), yaml, strictness)));
    }

    private static void assertProblem(DefinitionException e, int line, String field, String message) {
        assertEquals(1, e.problems().size(), e.getMessage());
        DefinitionProblem problem = e.problems().get(0);
        assertEquals(line, problem.location().line(), e.getMessage());
        assertEquals(field, problem.field(), e.getMessage());
        assertTrue(problem.message().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
