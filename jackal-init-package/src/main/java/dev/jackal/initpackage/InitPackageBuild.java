package dev.jackal.initpackage;

import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.create.CreateOptions;
import dev.jackal.core.create.CreateResult;
import dev.jackal.core.create.OciImageStep;
import dev.jackal.core.create.PackageCreator;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.image.BuiltImage;
import dev.jackal.core.oci.image.ImageBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the init package in the reactor: the registry and agent images into an OCI layout, then
 * {@code package create} of the init package source with that layout as {@code --image-layout}, so no image comes
 * from a registry. Run by the module's POM with {@code --key=value} arguments (see {@link Args}).
 */
public final class InitPackageBuild {

    /** The images' references; their hosts are never contacted (the images come from the build's layout). */
    static final String IMAGE_DOMAIN = "jackal.dev/";

    static final String REGISTRY_IMAGE = "library/registry";
    static final String AGENT_IMAGE = "jackal/agent";

    private InitPackageBuild() {}

    public static void main(String[] argv) throws Exception {
        build(Args.parse(argv), System.out);
    }

    /** Builds the images and the init package as {@code args} say; returns what create made. */
    static CreateResult build(Args args, PrintStream log) throws Exception {
        Path target = args.path("target");
        Instant created = ImageBuilder.sourceDateEpoch(System.getenv());

        Path layoutDir = target.resolve("images");
        AgentRuntime.deleteTree(layoutDir);
        OciLayout layout = OciLayout.create(layoutDir);
        InitImages images = new InitImages(args.path("image-files"), created);
        String version = args.get("version");
        String registryTag = args.get("registry-version").replaceFirst("^v", "");

        BuiltImage registry = images.registry(
                args.path("registry-binary"),
                ImageReference.parse(IMAGE_DOMAIN + REGISTRY_IMAGE + ":" + registryTag),
                registryTag,
                layout);
        report(log, registry);

        Path deployerJar = args.path("deployer-jar");
        Path runtime = new AgentRuntime(args.path("cache"), log).runtimeFor(deployerJar);
        Set<String> libraries = SharedLibraries.of(AgentRuntime.nativeObjects(runtime), runtime);
        log.println("agent runtime: host libraries " + libraries);
        BuiltImage agent = images.agent(
                runtime,
                libraries,
                deployerJar,
                ImageReference.parse(IMAGE_DOMAIN + AGENT_IMAGE + ":" + version),
                layout);
        report(log, agent);

        Path source = target.resolve("init-package-src");
        AgentRuntime.deleteTree(source);
        copyTree(args.path("source"), source);
        Path injector = source.resolve("jackal-injector");
        Files.copy(args.path("injector"), injector, StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> set = new LinkedHashMap<>();
        set.put("VERSION", version);
        set.put("REGISTRY_IMAGE_DOMAIN", IMAGE_DOMAIN);
        set.put("REGISTRY_IMAGE", REGISTRY_IMAGE);
        set.put("REGISTRY_IMAGE_TAG", registryTag);
        set.put("AGENT_IMAGE_DOMAIN", IMAGE_DOMAIN);
        set.put("AGENT_IMAGE", AGENT_IMAGE);
        set.put("AGENT_IMAGE_TAG", version);
        set.put("INJECTOR_SHASUM", AgentRuntime.sha256(injector));

        EventHandler events = event -> {
            if (event instanceof LogEvent e && e.level().compareTo(LogEvent.Level.INFO) <= 0) {
                log.println("create: " + e.message());
            }
        };
        CreateResult result = new PackageCreator(events, SkeletonResolver.LOCAL_ONLY, new OciImageStep(events))
                .create(CreateOptions.builder(source)
                        .outputDir(target)
                        .architecture("amd64")
                        .set(set)
                        .imageLayouts(List.of(layoutDir))
                        .cacheDir(target.resolve("create-cache"))
                        .timestamp(Instant.parse(args.get("timestamp")))
                        .build());
        log.println("init package: " + result.archive() + " (" + Files.size(result.archive()) + " bytes, aggregate "
                + result.aggregateChecksum() + ")");
        return result;
    }

    private static void report(PrintStream log, BuiltImage image) {
        log.println("image " + image.reference() + " " + image.manifest().digest() + ": " + image.compressedSize()
                + " bytes compressed, " + image.uncompressedSize() + " bytes uncompressed");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path copy = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code --key=value} arguments; every key asked for is required. */
    record Args(Map<String, String> values) {
        static Args parse(String[] argv) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : argv) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("expected --key=value, not " + arg);
                }
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            return new Args(values);
        }

        String get(String key) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("missing --" + key + "=…");
            }
            return value;
        }

        Path path(String key) {
            return Path.of(get(key)).toAbsolutePath();
        }
    }
}
