package dev.jackal.deployer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree of the CLI, built for one command line: picocli's model (every option of every command, by
 * reflection) is built only for the commands the arguments name; the others are listed by name, aliases and
 * description, which is all the help of their parent shows. Building the whole model took most of the CPU time
 * of {@code jackal --help} (see bench/README.md, "Startup"). Plain loops rather than streams and lambdas: this runs
 * first, in the interpreter, where each lambda's first call costs a generated class.
 */
final class CommandTree {

    /** A command class and its subcommands (the tree that {@code @Command(subcommands = …)} would declare). */
    private record Node(Class<?> command, List<Node> children) {
        Node(Class<?> command, Node... children) {
            this(command, List.of(children));
        }

        Command annotation() {
            return command.getAnnotation(Command.class);
        }

        boolean namedIn(Set<String> words) {
            if (words.contains(annotation().name())) {
                return true;
            }
            for (String alias : annotation().aliases()) {
                if (words.contains(alias)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Node ROOT = new Node(
            JackalCommand.class,
            new Node(
                    PackageCommand.class,
                    new Node(PackageCreateCommand.class),
                    new Node(PackageInspectCommand.class),
                    new Node(PackageDeployCommand.class),
                    new Node(PackageListCommand.class),
                    new Node(PackageRemoveCommand.class),
                    new Node(PackagePublishCommand.class),
                    new Node(PackagePullCommand.class)),
            new Node(InitCommand.class),
            new Node(DestroyCommand.class),
            new Node(
                    ToolsCommand.class,
                    new Node(ToolsWaitForCommand.class),
                    new Node(ToolsGetCredsCommand.class),
                    new Node(
                            ToolsRegistryCommand.class,
                            new Node(ToolsRegistryCatalogCommand.class),
                            new Node(ToolsRegistryLsCommand.class))),
            new Node(VersionCommand.class),
            new Node(InternalCommand.class, new Node(InternalAgentCommand.class)),
            new Node(CommandLine.HelpCommand.class));

    private CommandTree() {}

    /** The whole tree, every command with its full model. */
    static CommandLine full() {
        return build(ROOT, null);
    }

    /**
     * The tree for {@code args}: a command gets its full model when one of its names is among the arguments (an
     * over-approximation of the path picocli takes, so never too little); all do for {@code help COMMAND} and for
     * {@code @file} arguments, whose content is not looked at here.
     */
    static CommandLine forArgs(String... args) {
        Set<String> words = new HashSet<>(Arrays.asList(args));
        boolean everything = new Node(CommandLine.HelpCommand.class).namedIn(words);
        for (String arg : args) {
            everything |= arg.startsWith("@");
        }
        return build(ROOT, everything ? null : words);
    }

    /** {@code node}'s command line; a child gets its full model when {@code words} is null or names it. */
    private static CommandLine build(Node node, Set<String> words) {
        CommandLine line = new CommandLine(node.command());
        for (Node child : node.children()) {
            line.addSubcommand(words == null || child.namedIn(words) ? build(child, words) : listing(child));
        }
        return line;
    }

    /** What a parent's help shows of a command that this command line does not reach. */
    private static CommandSpec listing(Node node) {
        Command annotation = node.annotation();
        CommandSpec spec = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
        spec.usageMessage()
                .description(annotation.description())
                .header(annotation.header())
                .hidden(annotation.hidden());
        return spec;
    }
}
