package dev.jackal.deployer;

import dev.jackal.cluster.DeployOptions;
import dev.jackal.cluster.DeployRequest;
import dev.jackal.cluster.DeployResult;
import dev.jackal.cluster.JackalEngine;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.RemoteLoad;
import dev.jackal.deployer.console.ConsoleEvents;
import dev.jackal.deployer.console.TerminalPrompts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jackal package deploy <SRC>}. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = "Deploy a package (a file, an http(s) URL or oci://) to the cluster of the current kubeconfig.")
final class PackageDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    PackageSource source;

    @Option(names = "--confirm", description = "Deploy without asking.")
    boolean confirm;

    @Mixin
    DeployFlags flags;

    @Override
    public Integer call() {
        flags.check(spec);
        Console console = System.console();
        if (!confirm && console == null) {
            throw new DeployCancelledException(
                    "there is no terminal to confirm the deploy on: pass --confirm to deploy without prompts");
        }
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                LoadedPackage loaded = source.load(events, global.tempRoot(), remote());
                JackalEngine engine = JackalEngine.connect(events)) {
            DeployOptions.Prompts prompts = confirm
                    ? DeployOptions.Prompts.none(events)
                    : new TerminalPrompts(
                            new BufferedReader(console.reader()), console.writer(), console::readPassword);
            DeployOptions options = flags.options(spec, prompts);
            DeployResult result = engine.deploy(new DeployRequest(loaded, options));
            printConnectStrings(result);
            return ExitCodes.OK;
        }
    }

    /**
     * For {@code oci://}: with {@code --confirm} only the selected components' files and images are pulled (the
     * selection is known before anything is asked); a deploy that prompts pulls everything first.
     */
    private RemoteLoad remote() {
        return source.remote(
                spec,
                confirm ? RemoteLoad.Scope.COMPONENTS : RemoteLoad.Scope.EVERYTHING,
                flags.components,
                false,
                flags.retries,
                flags.ociConcurrency);
    }

    /** The connect-string table (spec §6.1 step 9), on standard output. */
    private void printConnectStrings(DeployResult deployed) {
        if (deployed.connectStrings().isEmpty()) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format("%-20s %s", "CONNECT", "DESCRIPTION"));
        deployed.connectStrings()
                .forEach((name, connect) -> out.println(String.format(
                        "%-20s %s",
                        name, connect.description() + (connect.url().isEmpty() ? "" : " (" + connect.url() + ")"))));
        out.flush();
    }
}
