package dev.jackal.deployer;

import dev.jackal.cluster.DeployOptions;
import dev.jackal.cluster.InitRequest;
import dev.jackal.cluster.InitResult;
import dev.jackal.cluster.JackalEngine;
import dev.jackal.cluster.state.StateOptions;
import dev.jackal.core.JackalVersion;
import dev.jackal.core.deploy.DeployCancelledException;
import dev.jackal.core.load.InitPackageLocator;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.deployer.console.ConsoleEvents;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal init}: prepares a cluster for air-gap deploys (registry, agent) from the init package. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Prepare the cluster for packages with images: the in-cluster registry (bootstrapped by the"
                + " injector when the cluster has none) and the agent that points pods at it.")
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PACKAGE",
            description = "The init package; by default jackal-init-<arch>-<version>.tar.zst from the working"
                    + " directory, the jar's directory or the cache.")
    Path initPackage;

    @Option(names = "--confirm", description = "Required: init changes the cluster without asking.")
    boolean confirm;

    @Mixin
    DeployFlags flags;

    @Option(names = "--storage-class", description = "The storage class of the registry's volume.")
    String storageClass;

    @Option(names = "--nodeport", description = "The registry's NodePort (default 31999).")
    Integer nodePort;

    @Option(names = "--registry-url", description = "Use this external registry instead of one in the cluster.")
    String registryUrl;

    @Option(names = "--registry-push-username", description = "Push user (default jackal-push).")
    String registryPushUsername;

    @Option(names = "--registry-push-password", description = "Push password (default: generated).")
    String registryPushPassword;

    @Option(names = "--registry-pull-username", description = "Pull user (default jackal-pull).")
    String registryPullUsername;

    @Option(names = "--registry-pull-password", description = "Pull password (default: generated).")
    String registryPullPassword;

    @Option(names = "--registry-secret", description = "The registry's HTTP secret (default: generated).")
    String registrySecret;

    @Option(names = "--git-url", description = "Use this external git server.")
    String gitUrl;

    @Option(names = "--git-push-username", description = "Git push user (default jackal-git-user).")
    String gitPushUsername;

    @Option(names = "--git-push-password", description = "Git push password.")
    String gitPushPassword;

    @Option(names = "--git-pull-username", description = "Git pull user.")
    String gitPullUsername;

    @Option(names = "--git-pull-password", description = "Git pull password.")
    String gitPullPassword;

    @Option(names = "--artifact-url", description = "Use this external artifact server.")
    String artifactUrl;

    @Option(names = "--artifact-push-username", description = "Artifact push user.")
    String artifactPushUsername;

    @Option(names = "--artifact-push-token", description = "Artifact push token.")
    String artifactPushToken;

    @Override
    public Integer call() {
        if (!confirm) {
            throw new DeployCancelledException(
                    "init installs a registry and an agent into the cluster: pass --confirm to do it");
        }
        flags.check(spec);
        // the flags are checked before anything is read or connected
        StateOptions state = new StateOptions(
                null,
                storageClass,
                false,
                new StateOptions.RegistryOptions(
                        registryUrl,
                        nodePort,
                        registryPushUsername,
                        registryPushPassword,
                        registryPullUsername,
                        registryPullPassword,
                        registrySecret),
                new StateOptions.GitOptions(gitUrl, gitPushUsername, gitPushPassword, gitPullUsername, gitPullPassword),
                new StateOptions.ArtifactOptions(artifactUrl, artifactPushUsername, artifactPushToken));
        Path archive = initPackage != null ? initPackage : locate();
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                LoadedPackage loaded =
                        new PackageLoader(events, global.tempRoot()).load(archive.toString(), Optional.empty(), false);
                JackalEngine engine = JackalEngine.connect(events)) {
            DeployOptions options = flags.options(spec, DeployOptions.Prompts.none(events));
            InitResult result = engine.init(new InitRequest(loaded, options, state));
            events.lifecycle("the cluster's registry is " + result.registry()
                    + "; jackal tools get-creds shows its credentials");
            return ExitCodes.OK;
        }
    }

    private Path locate() {
        Optional<Path> jarDir = SelfCommand.jar().map(Path::getParent);
        return new InitPackageLocator(
                        "amd64",
                        JackalVersion.get(),
                        InitPackageLocator.standardPlaces(Path.of("").toAbsolutePath(), jarDir, global.cache()))
                .locate();
    }
}
