package dev.jackal.deployer;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.ImageArchive;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.create.SourceDateEpoch;
import dev.jackal.core.definition.DefinitionWriter;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.publish.OciSkeletons;
import dev.jackal.core.template.CreateTemplater;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jackal package create [DIR]}. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Build a package from the jackal.yaml in DIR (default: the current directory).")
final class PackageCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The package directory.")
    Path dir = Path.of(".");

    @Option(names = "--confirm", description = "Do not ask for confirmation (create never asks without a terminal).")
    boolean confirm;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Where to write the package (default: DIR).")
    Path output;

    @Option(
            names = {"-f", "--flavor"},
            description = "Keep only components without a flavor or with this one.")
    String flavor = "";

    @Option(
            names = {"-a", "--architecture"},
            description = "The target cluster's architecture (default: the" + " definition's, else this machine's).")
    String architecture;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value for ###JACKAL_PKG_TMPL_KEY###.")
    List<String> set = new ArrayList<>();

    @Option(names = "--skip-sbom", description = "Do not generate SBOMs.")
    boolean skipSbom;

    @Option(
            names = {"-m", "--max-package-size"},
            paramLabel = "MB",
            description = "Split the package into parts of at most MB megabytes (0: one file).")
    int maxPackageSize;

    @Option(
            names = "--registry-override",
            paramLabel = "SRC=DST",
            description = "Pull images of registry SRC from DST instead.")
    List<String> registryOverrides = new ArrayList<>();

    @Option(
            names = "--image-layout",
            paramLabel = "DIR|TAR",
            description = "A local OCI image layout, or one packed as a tar (Jib's buildTar with the OCI format), to"
                    + " copy images from (repeatable): an image named in its index.json is taken from there and no"
                    + " registry is asked for it; every image of a tar must be listed under a component's images.")
    List<Path> imageLayouts = new ArrayList<>();

    @Option(names = "--plain-http", description = "Talk plain HTTP to image registries.")
    boolean plainHttp;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify image registries' certificates.")
    boolean insecureSkipTlsVerify;

    @Option(
            names = "--retries",
            description = "Attempts per image pull (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int retries;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            description = "Longest wait for a connection, per request (default: ${DEFAULT-VALUE}).",
            defaultValue = "10s")
    String connectTimeout;

    @Option(
            names = "--read-timeout",
            paramLabel = "DURATION",
            description = "Longest wait for an answer or for the next bytes of a download; also the window of"
                    + " --min-transfer-rate (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    String readTimeout;

    @Option(
            names = "--min-transfer-rate",
            paramLabel = "BYTES",
            description = "A download slower than this many bytes per second over a --read-timeout window fails"
                    + " (0: no limit; default: ${DEFAULT-VALUE}).",
            defaultValue = "1024")
    long minTransferRate;

    @Option(
            names = "--oci-concurrency",
            description = "Blobs fetched at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int ociConcurrency;

    @Option(
            names = "--offline",
            description = "Touch no network: images (a tag by the digest it last named), remote files, charts, git"
                    + " repositories and import.url skeletons come from the cache (--jackal-cache) that online"
                    + " creates fill.")
    boolean offline;

    @Option(
            names = "--record-builder",
            description = "Write this machine's host name and your user name into the package's build data"
                    + " (left out by default, and always when SOURCE_DATE_EPOCH is set).")
    boolean recordBuilder;

    /** Asks on the terminal for template values that --set lacks; never without a terminal or with --confirm. */
    private CreateTemplater.MissingValues missingValues() {
        Console console = System.console();
        if (confirm || console == null) {
            return CreateTemplater.MissingValues.REFUSE;
        }
        return key -> Optional.ofNullable(console.readLine("Value for ###JACKAL_PKG_TMPL_%s###: ", key));
    }

    /** On a terminal without --confirm, shows the definition and asks; otherwise proceeds, as Zarf does. */
    private boolean confirmed(JackalPackage pkg) {
        Console console = System.console();
        if (confirm || console == null) {
            return true;
        }
        console.writer().print(DefinitionWriter.toYaml(pkg));
        return ConsoleQuestions.yes(console, "%nCreate this package? [y/N] ");
    }

    private TransferBounds network() {
        try {
            return new TransferBounds(
                    Durations.parse(spec.commandLine(), "--connect-timeout", connectTimeout),
                    Durations.parse(spec.commandLine(), "--read-timeout", readTimeout),
                    minTransferRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() {
        try (ConsoleEvents events = global.console(spec.commandLine().getErr())) {
            CreateOptions options = CreateOptions.builder(dir)
                    .outputDir(output != null ? output : dir)
                    .architecture(architecture)
                    .flavor(flavor)
                    .set(KeyValues.parse(spec.commandLine(), "--set", set))
                    .missingValues(missingValues())
                    .confirmation(this::confirmed)
                    .skipSbom(skipSbom)
                    .maxPackageSizeMb(maxPackageSize)
                    .registryOverrides(KeyValues.parse(spec.commandLine(), "--registry-override", registryOverrides))
                    .plainHttp(plainHttp)
                    .insecureSkipTlsVerify(insecureSkipTlsVerify)
                    .retries(retries)
                    .network(network())
                    .ociConcurrency(ociConcurrency)
                    .cacheDir(global.cache())
                    .recordBuilder(recordBuilder)
                    .offline(offline)
                    .imageLayouts(imageLayouts.stream()
                            .filter(p -> !Files.isRegularFile(p))
                            .toList())
                    .imageArchives(imageLayouts.stream()
                            .filter(Files::isRegularFile)
                            .map(ImageArchive::of)
                            .toList())
                    // reproducible-builds.org: a fixed build.timestamp makes two creates give the same bytes
                    .timestamp(SourceDateEpoch.parse(System.getenv(SourceDateEpoch.VARIABLE))
                            .orElse(null))
                    .build();
            CreateResult result = new PackageCreator(
                            events,
                            OciSkeletons.forCreate(events, options, SkeletonResolver.LOCAL_ONLY),
                            new OciImageStep(events))
                    .create(options);
            spec.commandLine().getOut().println(result.archive());
            return ExitCodes.OK;
        }
    }
}
