package dev.jackal.deployer;

import dev.jackal.core.JackalVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code jackal} root command. */
@Command(
        name = "jackal",
        mixinStandardHelpOptions = true,
        versionProvider = JackalCommand.Version.class,
        description = "Air-gap software delivery for Kubernetes.",
        subcommands = {PackageCommand.class, ToolsCommand.class, VersionCommand.class, CommandLine.HelpCommand.class},
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

    static CommandLine commandLine() {
        // picocli's defaults already match ExitCodes: 0 ok, 1 for an exception, 2 for bad input.
        return new CommandLine(new JackalCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jackal " + JackalVersion.get()};
        }
    }
}
