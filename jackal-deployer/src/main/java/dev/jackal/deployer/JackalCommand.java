package dev.jackal.deployer;

import dev.jackal.core.JackalVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code jackal} root command; {@link CommandTree} holds its subcommands. */
@Command(
        name = "jackal",
        mixinStandardHelpOptions = true,
        versionProvider = JackalCommand.Version.class,
        description = "Air-gap software delivery for Kubernetes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":the command succeeded",
            ExitCodes.FAILURE + ":the command failed; the message says why",
            ExitCodes.USAGE + ":the command line was wrong (unknown option, missing or bad argument)"
        })
final class JackalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line for {@code args}: the model of only the commands they reach (see {@link CommandTree}). */
    static CommandLine commandLine(String... args) {
        return configure(CommandTree.forArgs(args));
    }

    /** The command line with the model of every command. */
    static CommandLine fullCommandLine() {
        return configure(CommandTree.full());
    }

    private static CommandLine configure(CommandLine line) {
        // picocli's defaults already match ExitCodes: 0 ok, 1 for an exception, 2 for bad input.
        // These settings reach the subcommands added so far, so they come after the tree is built.
        return line.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(new ErrorHandler());
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jackal " + JackalVersion.get()};
        }
    }
}
