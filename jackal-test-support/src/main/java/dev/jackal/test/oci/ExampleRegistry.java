package dev.jackal.test.oci;

import dev.jackal.test.registry.OciRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images the {@code composed} example names, made by the fixture generator, and a throwaway registry that
 * serves them for the README's quick start ({@code examples/quickstart.sh}).
 *
 * <p>As a program: {@code ExampleRegistry WORK_DIR} starts Debian's {@code docker-registry} on a free loopback
 * port with its data under {@code WORK_DIR}, pushes the images with skopeo, prints {@code REGISTRY=<host:port>}
 * on a line of its own, and serves until its standard input closes. Exits 1 with a message when a tool is
 * missing.
 */
public final class ExampleRegistry {

    /** One example image: repository, tag and the seed its content comes from. */
    public record ExampleImage(String repository, String tag, long seed) {

        /** The image, as the fixture generator makes it. */
        public TestImages builder() {
            return TestImages.builder().seed(seed).tag(tag);
        }

        /** {@code repository:tag}. */
        public String name() {
            return repository + ":" + tag;
        }
    }

    /** The images of {@code examples/composed}: one from an imported component, one added on import. */
    public static final List<ExampleImage> COMPOSED =
            List.of(new ExampleImage("jackal/hello", "1.0", 41), new ExampleImage("jackal/exporter", "2.0", 42));

    private ExampleRegistry() {}

    /** Pushes {@code images} to {@code registry}; returns them by {@code repository:tag}. */
    public static Map<String, TestImage> push(
            List<ExampleImage> images, Skopeo skopeo, OciRegistry registry, Path workDir) {
        Map<String, TestImage> pushed = new LinkedHashMap<>();
        for (ExampleImage image : images) {
            pushed.put(image.name(), image.builder().push(skopeo, registry, image.repository(), workDir));
        }
        return pushed;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            System.err.println("usage: ExampleRegistry WORK_DIR");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        System.setProperty("jackal.test.servicesDir", work.resolve("services").toString());
        OciRegistry registry;
        try {
            registry = OciRegistry.start(OciRegistry.Variant.PLAIN);
        } catch (RuntimeException e) {
            System.err.println("cannot start the example registry: " + e.getMessage());
            System.exit(1);
            return;
        }
        int status = 0;
        try (registry) {
            push(COMPOSED, Skopeo.find(), registry, work.resolve("images"));
            out.println("REGISTRY=" + registry.address());
            InputStream in = System.in;
            while (in.read() >= 0) {
                // serve until the caller closes our standard input
            }
        } catch (RuntimeException e) {
            System.err.println("cannot push the example images: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }
}
