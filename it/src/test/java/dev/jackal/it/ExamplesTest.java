package dev.jackal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciCopy;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.test.git.GitServer;
import dev.jackal.test.git.GitServerExtension;
import dev.jackal.test.oci.ExampleRegistry;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds every example with the shaded deployer, from images the fixture generator pushed to a real
 * registry and a repository on a real git server, and checks the results with skopeo and git.
 */
class ExamplesTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @RegisterExtension
    static final GitServerExtension GIT = new GitServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Skopeo skopeo = Skopeo.find();

    @TempDir
    Path work;

    private int creates;

    private Path create(String example, String... extra) throws Exception {
        return createAs(null, example, extra);
    }

    private Path createAs(Path home, String example, String... extra) throws Exception {
        String run = example + "-" + (++creates);
        Path out = work.resolve("out-" + run);
        List<String> args = new java.util.ArrayList<>(List.of(
                "package",
                "create",
                Jackal.EXAMPLES.resolve(example).toString(),
                "--confirm",
                "-a",
                "amd64",
                "-o",
                out.toString(),
                "--no-progress",
                "--jackal-cache",
                work.resolve("cache").toString()));
        args.addAll(List.of(extra));
        Jackal.Result result = Jackal.runAs(home, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        Path archive = Path.of(result.out().strip());
        assertTrue(Files.isRegularFile(archive), result.out());
        Path unpacked = work.resolve("unpacked-" + run);
        SafeExtractor.extract(archive, unpacked, ExtractOptions.defaults());
        Jackal.Result inspect = Jackal.run("package", "inspect", archive.toString(), "--no-progress");
        assertEquals(0, inspect.exitCode(), inspect.err());
        return unpacked;
    }

    @Test
    void chartAndImagesKeepEveryDigest() throws Exception {
        OciRegistry registry = REGISTRY.registry();
        TestImage app = TestImages.builder().layers(2).seed(11).tag("1.0").push(skopeo, registry, "jackal/app", work);
        TestImage sidecar = TestImages.builder().seed(12).tag("s").push(skopeo, registry, "jackal/sidecar", work);
        TestImage legacy = TestImages.builder()
                .seed(13)
                .tag("2.0")
                .format(TestImages.Format.DOCKER_V2)
                .push(skopeo, registry, "jackal/legacy", work);
        TestImage multi = TestImages.builder()
                .seed(14)
                .tag("3.0")
                .platforms("linux/amd64", "linux/arm64")
                .push(skopeo, registry, "jackal/multi", work);
        TestImage list = TestImages.builder()
                .seed(15)
                .tag("4.0")
                .format(TestImages.Format.DOCKER_V2)
                .platforms("linux/amd64", "linux/arm64")
                .push(skopeo, registry, "jackal/list", work);

        Path pkg = create(
                "chart-images",
                "--plain-http",
                "--set",
                "REGISTRY=" + registry.address(),
                "--set",
                "SIDECAR_DIGEST=" + sidecar.digest(),
                "--set",
                "LIST_DIGEST=" + list.digest());
        Path images = pkg.resolve("images");
        Map<String, String> entries = imageEntries(pkg);
        String r = registry.address() + "/jackal/";
        assertEquals(app.digest(), entries.get(r + "app:1.0"), "tag ref");
        assertEquals(sidecar.digest(), entries.get(r + "sidecar@" + sidecar.digest()), "digest ref");
        assertEquals(legacy.digest(), entries.get(r + "legacy:2.0"), "Docker v2 manifest");
        assertEquals(multi.manifestDigests().get(0), entries.get(r + "multi:3.0"), "tag of an index: linux/amd64");
        assertEquals(list.digest(), entries.get(r + "list@" + list.digest()), "digest of a list: whole list");

        // skopeo reads the OCI-typed entries straight from the package's layout
        for (String ref : List.of("app:1.0", "multi:3.0")) {
            String raw = skopeo.inspect("oci:" + images + ":" + r + ref, List.of("--raw"))
                    .requireSuccess()
                    .stdout();
            assertEquals(
                    entries.get(r + ref),
                    "sha256:"
                            + HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("SHA-256")
                                            .digest(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        // and sees the same digests once the layout's images are pushed back to a fresh repository
        RegistryClient client = RegistryClient.builder()
                .defaults(RegistryOptions.defaults().withPlainHttp(true))
                .build();
        OciLayout layout = OciLayout.open(images);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            ImageReference source = ImageReference.parse(entry.getKey());
            String name = source.repository().substring(source.repository().lastIndexOf('/') + 1);
            ImageReference target = ImageReference.parse(registry.address() + "/mirror/" + name + ":copy");
            OciCopy.copy(layout, source, client, target);
            String raw = skopeo.inspectRaw(registry, "mirror/" + name + ":copy");
            assertEquals(
                    entry.getValue(),
                    "sha256:"
                            + HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("SHA-256")
                                            .digest(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                    entry.getKey());
        }
        assertTrue(Files.isRegularFile(pkg.resolve("sboms.tar")));
        assertTrue(Files.isRegularFile(pkg.resolve("components/app.tar")));
    }

    @Test
    void gitAndFiles() throws Exception {
        OciRegistry registry = REGISTRY.registry();
        TestImage tools = TestImages.builder().seed(21).tag("1.0").push(skopeo, registry, "jackal/git-tools", work);
        GitServer.SeededRepository repo = GIT.server().seed("upstream", "podinfo");
        Path credentials = work.resolve("home/.git-credentials");
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, GIT.server().credentialsLine() + "\n");
        Path tool = Jackal.EXAMPLES.resolve("git-files/tool.sh");
        Path pkg = createAs(
                credentials.getParent(),
                "git-files",
                "--plain-http",
                "--set",
                "REGISTRY=" + registry.address(),
                "--set",
                "GIT_URL=" + repo.url(),
                "--set",
                "TOOL_SHA=" + Downloader.sha256(tool));
        Path component = work.resolve("component");
        SafeExtractor.extract(pkg.resolve("components/sources.tar"), component, ExtractOptions.defaults());
        try (var repos = Files.list(component.resolve("sources/repos"))) {
            assertEquals(3, repos.count(), "all refs, a tag and a branch: three clones");
        }
        assertEquals(Files.readString(tool), Files.readString(component.resolve("sources/files/0/tool")));
        assertEquals(Map.of(registry.address() + "/jackal/git-tools:1.0", tools.digest()), imageEntries(pkg));
    }

    @Test
    void composedTakesImagesThroughItsImports() throws Exception {
        OciRegistry registry = REGISTRY.registry();
        Map<String, TestImage> pushed = ExampleRegistry.push(ExampleRegistry.COMPOSED, skopeo, registry, work);
        Path composed = create("composed", "--plain-http", "--set", "REGISTRY=" + registry.address());
        assertTrue(Files.isRegularFile(composed.resolve("components/base.tar")));
        assertTrue(Files.isRegularFile(composed.resolve("components/monitoring.tar")));
        Map<String, String> expected = new HashMap<>();
        pushed.forEach((name, image) -> expected.put(registry.address() + "/" + name, image.digest()));
        assertEquals(expected, imageEntries(composed));
    }

    @Test
    void quickStartScriptCreatesComposedWithTheFixtureImages() throws Exception {
        Path out = work.resolve("quickstart");
        Path log = work.resolve("quickstart.log");
        Process process = new ProcessBuilder(
                        Jackal.EXAMPLES.resolve("quickstart.sh").toString(),
                        out.toString(),
                        "--no-progress",
                        "--jackal-cache",
                        work.resolve("quickstart-cache").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "quickstart.sh did not finish");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        Matcher served = Pattern.compile("example images served by (\\S+)").matcher(output);
        assertTrue(served.find(), output);
        Path archive;
        try (var files = Files.list(out)) {
            archive = files.filter(file -> file.toString().endsWith(".tar.zst"))
                    .findFirst()
                    .orElseThrow();
        }
        Path unpacked = work.resolve("quickstart-unpacked");
        SafeExtractor.extract(archive, unpacked, ExtractOptions.defaults());
        Map<String, String> expected = new HashMap<>();
        for (ExampleRegistry.ExampleImage image : ExampleRegistry.COMPOSED) {
            TestImage made = image.builder().writeLayout(work.resolve("expected-" + image.seed()));
            expected.put(served.group(1) + "/" + image.name(), made.digest());
        }
        assertEquals(expected, imageEntries(unpacked), "the fixture generator's images, byte for byte");
        assertFalse(output.contains("\tat "), output);
    }

    @Test
    void flavorsKeepOnlyTheirOwnComponentsAndImages() throws Exception {
        OciRegistry registry = REGISTRY.registry();
        TestImage sqlite = TestImages.builder().seed(31).tag("3").push(skopeo, registry, "jackal/sqlite", work);
        TestImage postgres = TestImages.builder()
                .seed(32)
                .tag("16")
                .format(TestImages.Format.DOCKER_V2)
                .push(skopeo, registry, "jackal/postgres", work);
        String[] common = {"--plain-http", "--set", "REGISTRY=" + registry.address(), "--set", "ENVIRONMENT=dev"};
        Path flavored = create("flavors", concat(common, "-f", "sqlite", "--set", "VERSION=1.2.3"));
        String definition = Files.readString(flavored.resolve("jackal.yaml"));
        assertTrue(definition.contains("flavor: sqlite"), definition);
        assertTrue(definition.contains("sqlite.conf"), definition);
        assertTrue(!definition.contains("postgres.conf"), definition);
        assertEquals(Map.of(registry.address() + "/jackal/sqlite:3", sqlite.digest()), imageEntries(flavored));

        Path other = create("flavors", concat(common, "-f", "postgres", "--set", "VERSION=1.2.4"));
        assertEquals(Map.of(registry.address() + "/jackal/postgres:16", postgres.digest()), imageEntries(other));
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Reference → manifest digest of every image in the package's layout, checked against the stored bytes. */
    private static Map<String, String> imageEntries(Path pkg) throws Exception {
        Path images = pkg.resolve("images");
        Map<String, String> entries = new HashMap<>();
        for (JsonNode entry :
                JSON.readTree(images.resolve("index.json").toFile()).path("manifests")) {
            String digest = entry.path("digest").asText();
            assertEquals(digest, sha256(images.resolve("blobs/sha256/" + digest.substring(7))), "stored bytes");
            entries.put(
                    entry.path("annotations")
                            .path("org.opencontainers.image.base.name")
                            .asText(),
                    digest);
        }
        return entries;
    }

    private static String sha256(Path file) {
        return "sha256:" + Downloader.sha256(file);
    }
}
