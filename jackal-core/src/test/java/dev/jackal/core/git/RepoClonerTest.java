package dev.jackal.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TestProxies;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.test.git.GitServer;
import dev.jackal.test.git.GitServerExtension;
import dev.jackal.test.http.MisbehavingServer;
import dev.jackal.test.http.Tinyproxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Clones from the real git smart-HTTP server, with credentials from a git-credentials file. */
class RepoClonerTest {

    @RegisterExtension
    static final GitServerExtension GIT = new GitServerExtension();

    private static GitServer.SeededRepository seeded;
    private static GitCredentials credentials;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    @BeforeAll
    static void seed() throws Exception {
        seeded = GIT.server().seed("upstream", "app");
        Path file = shared.resolve("git-credentials");
        Files.writeString(file, GIT.server().credentialsLine() + "\n");
        credentials = GitCredentials.fromFile(file);
    }

    private Repository cloneOf(String suffix) throws Exception {
        GitUrl url = GitUrl.parse(seeded.url() + suffix);
        Path target = work.resolve(url.folderName());
        new RepoCloner(credentials).cloneTo(url, target);
        return Git.open(target.toFile()).getRepository();
    }

    @Test
    void withoutRefEveryBranchAndTagIsMirrored() throws Exception {
        try (Repository repo = cloneOf("")) {
            assertEquals(
                    seeded.refs().get("refs/heads/main"),
                    repo.exactRef("refs/heads/main").getObjectId().name());
            assertEquals(
                    seeded.refs().get("refs/heads/feature"),
                    repo.exactRef("refs/heads/feature").getObjectId().name());
            assertNotNull(repo.exactRef("refs/tags/v1.0.0"));
            assertNotNull(repo.exactRef("refs/tags/v1.1.0"));
            assertEquals(seeded.url(), repo.getConfig().getString("remote", "online-upstream", "url"));
        }
    }

    @Test
    void tagIsCheckedOutAsAJackalRefBranch() throws Exception {
        try (Repository repo = cloneOf("@v1.0.0")) {
            assertEquals("jackal-ref-v1.0.0", repo.getBranch());
            assertEquals(
                    seeded.refs().get("refs/tags/v1.0.0"), repo.resolve("HEAD").name());
            assertNull(repo.exactRef("refs/heads/feature"), "only the tag is cloned");
        }
    }

    @Test
    void annotatedTagIsPeeledToItsCommit() throws Exception {
        try (Repository repo = cloneOf("@v1.1.0")) {
            assertEquals("jackal-ref-v1.1.0", repo.getBranch());
            assertEquals(
                    seeded.refs().get("refs/tags/v1.1.0^{}"),
                    repo.resolve("HEAD").name());
        }
    }

    @Test
    void branchRefClonesThatBranch() throws Exception {
        try (Repository repo = cloneOf("@refs/heads/feature")) {
            assertEquals("feature", repo.getBranch());
            assertTrue(Files.exists(repo.getWorkTree().toPath().resolve("feature.txt")));
        }
    }

    @Test
    void commitShaIsCheckedOutAsABranch() throws Exception {
        String sha = seeded.refs().get("refs/tags/v1.0.0");
        try (Repository repo = cloneOf("@" + sha)) {
            assertEquals("jackal-ref-" + sha, repo.getBranch());
            assertEquals(sha, repo.resolve("HEAD").name());
        }
    }

    @Test
    void aServerThatTricklesTheRefsFailsTheCloneWithinTheBound() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.proxying(GIT.server().baseUrl())) {
            server.onlyPaths(p -> p.endsWith("/info/refs")).trickle(Duration.ofMillis(200));
            Path file = work.resolve("proxy-credentials");
            Files.writeString(
                    file,
                    "http://" + GIT.server().username() + ":" + GIT.server().password() + "@" + server.address()
                            + "\n");
            GitUrl url = GitUrl.parse(seeded.url().replace(GIT.server().baseUrl(), server.baseUrl()));
            RepoCloner cloner = new RepoCloner(
                    GitCredentials.fromFile(file),
                    new TransferBounds(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000));

            long start = System.nanoTime();
            Exception e = assertThrows(Exception.class, () -> cloner.cloneTo(url, work.resolve("trickled")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            assertTrue(
                    messages.toString().contains(server.baseUrl() + "/upstream/app.git/info/refs sends too slowly"),
                    messages.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        }
    }

    @Test
    void clonesThroughTheProxyWithBasicCredentials() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            HttpProxy proxy = TestProxies.of(tinyproxy);
            GitUrl url = GitUrl.parse(seeded.url() + "@v1.0.0");
            Path target = work.resolve("proxied");

            new RepoCloner(credentials, TransferBounds.defaults(), work.resolve("mirrors"), false, proxy)
                    .cloneTo(url, target);

            try (Repository repo = Git.open(target.toFile()).getRepository()) {
                assertEquals(
                        seeded.refs().get("refs/tags/v1.0.0"),
                        repo.resolve("HEAD").name());
            }
            List<String> requests = tinyproxy.requests();
            assertTrue(
                    requests.contains("GET " + seeded.url() + "/info/refs?service=git-upload-pack HTTP/1.1"),
                    requests.toString());
            assertTrue(
                    requests.contains("POST " + seeded.url() + "/git-upload-pack HTTP/1.1"),
                    "the pack came through the proxy too: " + requests);
        }
    }

    @Test
    void aHostInNonProxyHostsIsClonedDirectly() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.start()) {
            HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port()).withNonProxyHosts("127.0.0.1");

            new RepoCloner(credentials, TransferBounds.defaults(), null, false, proxy)
                    .cloneTo(GitUrl.parse(seeded.url()), work.resolve("direct"));

            assertEquals(List.of(), tinyproxy.requests());
        }
    }

    @Test
    void aProxyThatWantsCredentialsFailsTheClone() throws Exception {
        try (Tinyproxy tinyproxy = Tinyproxy.withBasicAuth()) {
            HttpProxy proxy = HttpProxy.of(tinyproxy.host(), tinyproxy.port());
            RepoCloner cloner = new RepoCloner(credentials, TransferBounds.defaults(), null, false, proxy);

            TransportException e = assertThrows(
                    TransportException.class,
                    () -> cloner.cloneTo(GitUrl.parse(seeded.url()), work.resolve("refused")));

            assertEquals(
                    "the proxy " + tinyproxy.address() + " asks for credentials (407 Proxy Authentication Required);"
                            + " give the proxy a user name and password",
                    e.getMessage());
            assertEquals(1, tinyproxy.requests().size(), tinyproxy.requests().toString());
        }
    }
}
