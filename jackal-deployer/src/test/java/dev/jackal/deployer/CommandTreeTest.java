package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class CommandTreeTest {

    /** Every command's path, from the model with every command ("package create", "tools wait-for", …). */
    static Stream<String> commandPaths() {
        List<String> paths = new ArrayList<>();
        collect(JackalCommand.fullCommandLine(), "", paths);
        return paths.stream();
    }

    private static void collect(CommandLine line, String path, List<String> paths) {
        paths.add(path);
        line.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases lead to the same command
                collect(sub, (path + " " + name).strip(), paths);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void helpOfEveryCommandIsTheSameAsWithTheWholeModel(String path) {
        assertSameAsWholeModel(words(path, "--help"));
        assertSameAsWholeModel(words("help", path));
        assertSameAsWholeModel(words(path, "--no-such-flag"));
    }

    @Test
    void usageErrorsAndAliasesAreTheSameAsWithTheWholeModel() {
        assertTrue(commandPaths().count() > 8, "the tree lists the commands");
        for (String args : List.of(
                "",
                "deploy-everything",
                "package crate",
                "p c --help",
                "t w --help",
                "tools wait-for",
                "package create --retries x",
                "package deploy",
                "--version",
                "package --version")) {
            assertSameAsWholeModel(words(args));
        }
    }

    @Test
    void rootHelpBuildsNoSubcommandModel() {
        CommandLine line = JackalCommand.commandLine("--help");
        CommandLine pkg = line.getSubcommands().get("package");
        assertTrue(pkg.getSubcommands().isEmpty(), "package's subcommands are not built");
        assertTrue(pkg.getCommandSpec().options().isEmpty(), "package is listed, not reflected");
        assertFalse(line.getCommandSpec().options().isEmpty(), "the root command itself is built");
    }

    @Test
    void createBuildsOnlyThePathToCreate() {
        CommandLine line = JackalCommand.commandLine("package", "create", "dir", "--confirm");
        CommandLine pkg = line.getSubcommands().get("package");
        assertTrue(pkg.getSubcommands().get("create").getCommandSpec().findOption("--confirm") != null);
        assertTrue(pkg.getSubcommands().get("deploy").getCommandSpec().options().isEmpty());
        assertTrue(line.getSubcommands().get("tools").getSubcommands().isEmpty());
    }

    private static String[] words(String... parts) {
        return Stream.of(parts)
                .flatMap(part -> Stream.of(part.split(" ")))
                .filter(word -> !word.isEmpty())
                .toArray(String[]::new);
    }

    private static void assertSameAsWholeModel(String... args) {
        String lazy = run(JackalCommand.commandLine(args), args);
        String whole = run(JackalCommand.fullCommandLine(), args);
        assertEquals(whole, lazy, String.join(" ", args));
    }

    private static String run(CommandLine line, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = line.setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return "exit " + code + "\nout:\n" + out + "\nerr:\n" + err;
    }
}
