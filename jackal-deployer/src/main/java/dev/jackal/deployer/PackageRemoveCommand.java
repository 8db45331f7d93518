package dev.jackal.deployer;

import dev.jackal.cluster.JackalEngine;
import dev.jackal.cluster.RemoveRequest;
import dev.jackal.core.definition.NameRules;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal package remove <SRC|NAME>}. */
@Command(
        name = "remove",
        aliases = "rm",
        mixinStandardHelpOptions = true,
        description = "Remove a deployed package, by name or by its archive.")
final class PackageRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "SRC|NAME", description = "The package's name or archive.")
    String target;

    @Option(names = "--confirm", description = "Remove without asking.")
    boolean confirm;

    @Option(names = "--components", description = "Only these components (globs; -name excludes).")
    String components = "";

    /** Without --confirm, asks on the terminal; with no terminal there is no one to ask, so it refuses. */
    private void confirmRemoval(String name) {
        if (confirm) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new DeployCancelledException(
                    "there is no terminal to confirm the removal on: pass --confirm to remove without prompts");
        }
        String what = components.isBlank() ? "package " + name : "components " + components + " of package " + name;
        if (!ConsoleQuestions.yes(console, "Remove %s? [y/N] ", what)) {
            throw new DeployCancelledException("removal cancelled; nothing was changed");
        }
    }

    @Override
    public Integer call() {
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            String name = packageName(events);
            confirmRemoval(name);
            try (JackalEngine engine = JackalEngine.connect(events)) {
                engine.remove(new RemoveRequest(name, components, global.tempRoot(), SelfCommand.get()));
            }
            return ExitCodes.OK;
        }
    }

    /** The name to remove, from a package file (loaded and checked) or given as it is; checked before any request. */
    private String packageName(ConsoleEvents events) {
        Path file = Path.of(target);
        if (Files.isRegularFile(file)) {
            try (LoadedPackage loaded = new PackageLoader(events, global.tempRoot()).load(file, Optional.empty())) {
                return loaded.pkg().metadata().name();
            }
        }
        if (!NameRules.PACKAGE_NAME.matcher(target).matches()) {
            throw new OptionException(
                    "package",
                    target,
                    "is neither a package file nor a valid package name (lowercase letters, digits and '-')");
        }
        return target;
    }
}
