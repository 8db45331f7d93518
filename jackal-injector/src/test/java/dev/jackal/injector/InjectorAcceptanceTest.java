package dev.jackal.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImageCopier;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.PullOptions;
import dev.jackal.core.oci.PullResult;
import dev.jackal.core.oci.PulledImage;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.RegistryExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real injector binary serving a payload built by {@link SeedPayload} from images pulled out of a real registry:
 * skopeo pulls every seed image from it with the source digests, and anything unknown or malformed is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectorAcceptanceTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @TempDir
    static Path work;

    private final Skopeo skopeo = Skopeo.find();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** What the package layout holds for each seed image, by name without registry. */
    private final Map<String, Descriptor> sources = new LinkedHashMap<>();

    private TestImage indexImage;
    private Path exe;
    private Path init;
    private PayloadChunks payload;
    private ManagedProcess injector;
    private int port;

    @BeforeAll
    void startInjectorWithThreeSeedImages() throws IOException {
        List<ImageReference> refs = new ArrayList<>();
        Map<String, TestImages> builders = Map.of(
                "library/registry:2.8.3",
                        TestImages.builder().seed(31).layers(2).tag("2.8.3"),
                "team/app:1.0",
                        TestImages.builder()
                                .seed(32)
                                .format(TestImages.Format.DOCKER_V2)
                                .tag("1.0"),
                "team/multi:3",
                        TestImages.builder()
                                .seed(33)
                                .platforms("linux/amd64", "linux/arm64")
                                .tag("3"));
        for (String name : List.of("library/registry:2.8.3", "team/app:1.0", "team/multi:3")) {
            String repository = name.substring(0, name.indexOf(':'));
            builders.get(name).push(skopeo, REGISTRY.registry(), repository, work.resolve("pushed"));
            refs.add(ImageReference.parse(REGISTRY.registry().address() + "/" + name));
        }
        RegistryClient client = RegistryClient.builder()
                .options(
                        REGISTRY.registry().address(),
                        RegistryOptions.defaults().withPlainHttp(true))
                .build();
        OciLayout layout = OciLayout.create(work.resolve("package-images"));
        PullResult pulled = new ImageCopier(client, null).pull(refs, layout, PullOptions.forArchitecture("amd64"));
        for (PulledImage image : pulled.images()) {
            sources.put(image.reference().toStringWithoutRegistry(), image.descriptor());
        }
        // a whole multi-platform index too, as a package built from an index reference holds it
        String indexRef = REGISTRY.registry().address() + "/team/index:4";
        TestImage index = new SourceLayouts(work.resolve("generated"), layout)
                .add(indexRef, TestImages.builder().seed(34).platforms("linux/amd64", "linux/arm64"));
        sources.put(
                "team/index:4", layout.findEntry(ImageReference.parse(indexRef)).orElseThrow());
        indexImage = index;
        refs.add(ImageReference.parse(indexRef));

        payload = SeedPayload.build(layout, refs, work.resolve("payload.tar.gz"));
        init = Files.createDirectories(work.resolve("jackal-init"));
        payload.writeParts(init);
        exe = InjectorBinary.forArch("amd64").writeTo(work.resolve("jackal-injector"));
        port = Ports.free();
        injector = ManagedProcess.start(
                        "injector",
                        List.of(exe.toString(), payload.sha256(), "127.0.0.1:" + port),
                        env(work.resolve("jackal-seed")),
                        work,
                        work.resolve("injector.log"))
                .awaitReady(Duration.ofSeconds(30), () -> Ports.accepting(port));
    }

    @AfterAll
    void stop() {
        if (injector != null) {
            injector.close();
        }
    }

    private Map<String, String> env(Path seed) {
        return Map.of("JACKAL_INJECTOR_INIT_ROOT", init.toString(), "JACKAL_INJECTOR_SEED_ROOT", seed.toString());
    }

    private String base() {
        return "127.0.0.1:" + port;
    }

    @Test
    void skopeoSeesEverySeedImageWithItsSourceDigest() throws Exception {
        assertEquals(4, sources.size());
        for (Map.Entry<String, Descriptor> image : sources.entrySet()) {
            String raw = skopeo.inspect(
                            "docker://" + base() + "/" + image.getKey(), List.of("--raw", "--tls-verify=false"))
                    .requireSuccess()
                    .stdout();
            String served = "sha256:" + SeedPayloadTest.sha256(raw.getBytes(StandardCharsets.UTF_8));
            assertEquals(image.getValue().digest().toString(), served, image.getKey());
        }
        assertEquals(indexImage.digest(), sources.get("team/index:4").digest().toString());
    }

    @Test
    void skopeoCopiesEverySeedImageOut() throws Exception {
        for (Map.Entry<String, Descriptor> image : sources.entrySet()) {
            Path out = work.resolve("copy-" + image.getKey().replace('/', '_').replace(':', '_'));
            skopeo.copy(
                    "docker://" + base() + "/" + image.getKey(),
                    "dir:" + out,
                    List.of("--src-tls-verify=false", "--preserve-digests"));
            // without --all, skopeo copies the host's platform out of a multi-platform index
            String expected = image.getKey().equals("team/index:4")
                    ? indexImage.manifestDigests().get(0)
                    : image.getValue().digest().toString();
            String copied = "sha256:" + SeedPayloadTest.sha256(Files.readAllBytes(out.resolve("manifest.json")));
            assertEquals(expected, copied, image.getKey());
        }
        Path all = work.resolve("copy-all-index");
        skopeo.copy(
                "docker://" + base() + "/team/index:4",
                "dir:" + all,
                List.of("--src-tls-verify=false", "--preserve-digests", "--all"));
        for (String layer : indexImage.layerDigests()) {
            assertTrue(Files.exists(all.resolve(layer.substring(7))), layer);
        }
    }

    @Test
    void headAnswersWithLengthDigestAndTheManifestsOwnMediaType() throws Exception {
        Descriptor app = sources.get("team/app:1.0");
        HttpResponse<Void> manifest = head("/v2/team/app/manifests/1.0");
        assertEquals(200, manifest.statusCode());
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", app.mediaType());
        assertEquals(
                app.mediaType(), manifest.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                app.digest().toString(),
                manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(
                String.valueOf(app.size()),
                manifest.headers().firstValue("Content-Length").orElseThrow());
        HttpResponse<String> byDigest = get("/v2/team/app/manifests/" + app.digest());
        assertEquals(app.size(), byDigest.body().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(
                app.mediaType(), byDigest.headers().firstValue("Content-Type").orElseThrow());

        assertEquals(
                "application/vnd.oci.image.index.v1+json",
                head("/v2/team/index/manifests/4")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow());
        String child = indexImage.manifestDigests().get(1);
        assertEquals(
                "application/vnd.oci.image.manifest.v1+json",
                head("/v2/team/index/manifests/" + child)
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow(),
                "a child manifest, not in index.json, gets the media type from its own mediaType field");

        String layer = layerOf("library/registry:2.8.3", 1);
        HttpResponse<Void> blob = head("/v2/library/registry/blobs/" + layer);
        assertEquals(200, blob.statusCode());
        assertEquals(
                Files.size(work.resolve("package-images/blobs/sha256/" + layer.substring(7))),
                Long.parseLong(blob.headers().firstValue("Content-Length").orElseThrow()));
        assertEquals(200, head("/v2/").statusCode());
        assertEquals("{}", get("/v2").body());
    }

    @Test
    void unknownNamesDigestsAndMalformedPathsAre404() throws Exception {
        String layer = layerOf("library/registry:2.8.3", 0);
        String unknown = "sha256:" + "0".repeat(64);
        for (String path : List.of(
                "/v2/library/nothing/manifests/2.8.3",
                "/v2/library/registry/manifests/9.9.9",
                "/v2/library/registry/manifests/" + unknown,
                "/v2/library/registry/blobs/" + unknown,
                "/v2/library/nothing/blobs/" + layer,
                "/v2/library/registry/blobs/sha256:abc",
                "/v2/library/registry/blobs/" + layer.toUpperCase(),
                "/v2/library/registry/blobs/sha256:..%2F..%2F..%2Findex.json",
                "/v2/_catalog",
                "/v2/library/registry/tags/list")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.body().contains("\"errors\""), path + ": " + response.body());
        }
        for (String target : List.of(
                "/v2/../../../../etc/passwd",
                "/v2/library/registry/blobs/sha256:../../index.json",
                "/v2/library/../../manifests/2.8.3",
                "/../jackal-init/jackal-payload-000")) {
            assertTrue(
                    raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .startsWith("HTTP/1.1 404 "),
                    target);
        }
        assertTrue(raw("PUT /v2/library/registry/manifests/x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
                .startsWith("HTTP/1.1 404 "));
    }

    @Test
    void malformedAndHugeRequestsGet400AndTheServerStaysUp() throws Exception {
        assertTrue(raw("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET /v2/ HTTP/9.9\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET /v2/ HTTP/1.1\r\nX: " + "y".repeat(64 * 1024) + "\r\n\r\n")
                .startsWith("HTTP/1.1 400 "));
        assertTrue(raw("\u0000\u0001\u0002 \r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertEquals(200, get("/v2/").statusCode());
        assertTrue(injector.isAlive());
    }

    @Test
    void concurrentBlobDownloadsAllSucceed() throws Exception {
        List<String[]> blobs = new ArrayList<>();
        blobs.add(new String[] {"library/registry", layerOf("library/registry:2.8.3", 0)});
        blobs.add(new String[] {"library/registry", layerOf("library/registry:2.8.3", 1)});
        blobs.add(new String[] {"team/app", layerOf("team/app:1.0", 0)});
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> downloads = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String[] blob : blobs) {
                    expected.add(blob[1]);
                    downloads.add(pool.submit(() -> {
                        HttpResponse<byte[]> r = http.send(
                                HttpRequest.newBuilder(uri("/v2/" + blob[0] + "/blobs/" + blob[1]))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        return r.statusCode() == 200
                                ? "sha256:" + SeedPayloadTest.sha256(r.body())
                                : "HTTP " + r.statusCode();
                    }));
                }
            }
            for (int i = 0; i < downloads.size(); i++) {
                assertEquals(expected.get(i), downloads.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPodLaidOutTheZarfWayIsServedToo() throws Exception {
        Path zarfInit = Files.createDirectories(work.resolve("zarf-init"));
        for (Chunk chunk : payload.chunks()) {
            String zarfName = chunk.name().replace(SeedPayload.CHUNK_PREFIX, "zarf-payload-");
            Files.write(zarfInit.resolve(zarfName), chunk.read());
        }
        int zarfPort = Ports.free();
        Map<String, String> env = Map.of(
                "ZARF_INJECTOR_INIT_ROOT", zarfInit.toString(),
                "ZARF_INJECTOR_SEED_ROOT", work.resolve("zarf-seed").toString());
        try (ManagedProcess zarf = ManagedProcess.start(
                        "zarf-style-injector",
                        List.of(exe.toString(), payload.sha256(), "127.0.0.1:" + zarfPort),
                        env,
                        work,
                        work.resolve("zarf-injector.log"))
                .awaitReady(Duration.ofSeconds(30), () -> Ports.accepting(zarfPort))) {
            HttpResponse<Void> manifest = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + zarfPort + "/v2/library/registry/manifests/2.8.3"))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, manifest.statusCode());
            assertEquals(
                    sources.get("library/registry:2.8.3").digest().toString(),
                    manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
            assertTrue(Files.exists(work.resolve("zarf-seed/index.json")));
        }
    }

    @Test
    void aWrongChecksumArgumentFailsNamingBothDigestsAndServesNothing() throws Exception {
        String wrong = "f".repeat(64);
        assertNotEquals(wrong, payload.sha256());
        int otherPort = Ports.free();
        Path seed = work.resolve("wrong-seed");
        ProcessBuilder builder = new ProcessBuilder(exe.toString(), wrong, "127.0.0.1:" + otherPort)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env(seed));
        Process process = builder.start();
        String stderr;
        try (InputStream err = process.getErrorStream()) {
            stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue());
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.contains(wrong) && stderr.contains(payload.sha256()), stderr);
        assertFalse(Ports.accepting(otherPort));
        assertFalse(Files.exists(seed.resolve("index.json")));
    }

    /** The digest of layer {@code i} of a seed image, read from the package layout. */
    private String layerOf(String name, int i) throws IOException {
        Path manifest = work.resolve(
                "package-images/blobs/sha256/" + sources.get(name).digest().hex());
        return new ObjectMapper()
                .readTree(manifest.toFile())
                .path("layers")
                .get(i)
                .path("digest")
                .asText();
    }

    private URI uri(String path) {
        return URI.create("http://" + base() + path);
    }

    private HttpResponse<Void> head(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as is over a new connection; returns what comes back until the server closes. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read everything
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
