package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.OfflineException;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.compose.SkeletonResolver;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.event.JackalEvent;
import dev.jackal.core.event.LogEvent;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.git.GitUrl;
import dev.jackal.core.git.RepoCloner;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.test.git.GitServer;
import dev.jackal.test.http.StaticHttpServer;
import dev.jackal.test.oci.Skopeo;
import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CreateOptions#offline()} on real services: an online create fills the cache (image and the digest of its
 * tag, a remote file, a Helm repository chart, an OCI chart, a git mirror); with every service stopped, an offline
 * create builds the same package from the cache alone, and with an empty cache it fails naming what is missing.
 */
class OfflineCreateTest {

    @TempDir
    Path pkg;

    @TempDir
    Path work;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final EventHandler events = (JackalEvent event) -> {
        if (event instanceof LogEvent log && log.level() == LogEvent.Level.WARN) {
            warnings.add(log.message());
        }
    };

    private CreateResult create(Path cache, Path out, boolean offline) {
        return new PackageCreator(events, SkeletonResolver.LOCAL_ONLY, new OciImageStep(events))
                .create(CreateOptions.builder(pkg)
                        .outputDir(out)
                        .architecture("amd64")
                        .cacheDir(cache)
                        .plainHttp(true)
                        .skipSbom(true)
                        .offline(offline)
                        .build());
    }

    @Test
    void anOfflineCreateBuildsFromTheCacheWithTheSourcesStopped() throws Exception {
        Path served = Files.createDirectories(work.resolve("served"));
        Files.writeString(served.resolve("motd.txt"), "from the web\n");
        Helm.create().withName("repodemo").withDir(work).call();
        new Helm(work.resolve("repodemo")).packageIt().withDestination(served).call();
        Files.writeString(
                served.resolve("index.yaml"),
                "apiVersion: v1\nentries:\n  repodemo:\n    - name: repodemo\n      version: 0.1.0\n"
                        + "      urls: [repodemo-0.1.0.tgz]\n");
        Helm.create().withName("ocidemo").withDir(work).call();
        Path ociChart = Files.createDirectories(work.resolve("oci-chart"));
        new Helm(work.resolve("ocidemo")).packageIt().withDestination(ociChart).call();

        Path cache = work.resolve("cache");
        CreateResult online;
        OciRegistry registry = OciRegistry.start(OciRegistry.Variant.PLAIN);
        StaticHttpServer http = StaticHttpServer.serve(served);
        try {
            TestImage image = TestImages.builder()
                    .seed(7)
                    .tag("1.0")
                    .push(Skopeo.find(), registry, "offline/app", work.resolve("image"));
            Helm.push()
                    .withChart(ociChart.resolve("ocidemo-0.1.0.tgz"))
                    .withRemote(URI.create("oci://" + registry.address() + "/charts"))
                    .plainHttp()
                    .call();
            Files.writeString(
                    pkg.resolve("jackal.yaml"),
                    """
                    kind: JackalPackageConfig
                    metadata:
                      name: offline
                      version: 1.0.0
                    components:
                      - name: app
                        required: true
                        files:
                          - source: %2$s/motd.txt
                            target: /etc/motd
                        charts:
                          - name: repodemo
                            version: 0.1.0
                            namespace: demo
                            url: %2$s
                          - name: ocidemo
                            version: 0.1.0
                            namespace: demo
                            url: oci://%1$s/charts/ocidemo
                        images:
                          - %1$s/offline/app:1.0
                    """
                            .formatted(registry.address(), http.baseUrl()));
            online = create(cache, work.resolve("online"), false);
            assertTrue(online.files().get(0).toString().endsWith(".tar.zst"));
            assertFalse(image.digest().isEmpty());
        } finally {
            http.close();
            registry.close();
        }

        warnings.clear();
        CreateResult offline = create(cache, work.resolve("offline"), true);
        assertEquals(online.aggregateChecksum(), offline.aggregateChecksum(), "the same content, from the cache");
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.startsWith("offline: ") && w.contains("/offline/app:1.0 is taken as sha256:")),
                warnings.toString());

        OfflineException missing = assertThrows(
                OfflineException.class, () -> create(work.resolve("empty-cache"), work.resolve("none"), true));
        assertTrue(missing.getMessage().endsWith(": offline and not cached"), missing.getMessage());
        assertTrue(
                missing.getMessage().startsWith("component app, charts[0].url: http://127.0.0.1:"),
                missing.getMessage());
        assertFalse(
                Files.exists(work.resolve("none").resolve(online.files().get(0).getFileName())));
    }

    @Test
    void aGitRepositoryIsClonedFromItsMirrorOffline() throws Exception {
        Path cache = work.resolve("cache");
        Path credentials = work.resolve("git-credentials");
        String url;
        String tagged;
        String mainCommit;
        String featureCommit;
        try (GitServer git = GitServer.start()) {
            GitServer.SeededRepository seeded = git.seed("upstream", "app");
            url = seeded.url();
            tagged = seeded.refs().get("refs/tags/v1.0.0");
            mainCommit = seeded.refs().get("refs/heads/main");
            featureCommit = seeded.refs().get("refs/heads/feature");
            Files.writeString(credentials, git.credentialsLine() + "\n", StandardCharsets.UTF_8);
            ComponentLayout online = assembler(credentials, cache, false).assemble(component(url), work.resolve("a"));
            assembler(credentials, cache, false).assemble(component(url, ""), work.resolve("e"));
            assertEquals(tagged, head(online.repo(GitUrl.parse(url + "@v1.0.0").folderName())));
        }
        // the server is gone: only the mirror can serve the clone
        ComponentLayout offline = assembler(credentials, cache, true).assemble(component(url), work.resolve("b"));
        Path clone = offline.repo(GitUrl.parse(url + "@v1.0.0").folderName());
        assertEquals(tagged, head(clone));
        try (Git git = Git.open(clone.toFile())) {
            assertEquals(url, git.getRepository().getConfig().getString("remote", RepoCloner.ONLINE_REMOTE, "url"));
        }

        // without a ref: every branch and tag, the source's default branch checked out, from the mirror too
        ComponentLayout all = assembler(credentials, cache, true).assemble(component(url, ""), work.resolve("d"));
        try (Git git = Git.open(all.repo(GitUrl.parse(url).folderName()).toFile())) {
            assertEquals("main", git.getRepository().getBranch());
            assertEquals(mainCommit, git.getRepository().resolve("HEAD").name());
            assertEquals(
                    featureCommit,
                    git.getRepository().resolve("refs/heads/feature").name());
            assertEquals(
                    tagged,
                    git.getRepository().resolve("refs/tags/v1.0.0^{commit}").name());
        }

        OfflineException missing =
                assertThrows(OfflineException.class, () -> assembler(credentials, work.resolve("empty"), true)
                        .assemble(component(url), work.resolve("c")));
        assertEquals("git repository " + url + ": offline and not cached", missing.getMessage());
    }

    private ComponentAssembler assembler(Path credentials, Path cache, boolean offline) {
        return new ComponentAssembler(
                EventHandler.NONE,
                pkg,
                new ActionRunner(EventHandler.NONE, pkg, Map.of(), Redactor.none(), "jackal "),
                GitCredentials.fromFile(credentials),
                RegistryClient.builder().defaults(RegistryOptions.defaults()).build(),
                TransferBounds.defaults(),
                cache,
                offline);
    }

    private Component component(String url) {
        return component(url, "@v1.0.0");
    }

    private Component component(String url, String ref) {
        return DefinitionReader.parse(
                        pkg.resolve("jackal.yaml"),
                        "kind: JackalPackageConfig\nmetadata:\n  name: t\ncomponents:\n  - name: c\n    repos:\n      - "
                                + url + ref + "\n",
                        DefinitionReader.Strictness.STRICT)
                .pkg()
                .components()
                .get(0);
    }

    private static String head(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }
}
