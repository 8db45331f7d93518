package dev.jackal.test.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The git smart-HTTP server, driven by JGit as jackal will drive it. */
class GitServerTest {

    @RegisterExtension
    static final GitServerExtension GIT = new GitServerExtension();

    @TempDir
    Path work;

    private CredentialsProvider credentials() {
        return new UsernamePasswordCredentialsProvider(
                GIT.server().username(), GIT.server().password());
    }

    @Test
    void seededRepositoryClonesWithBranchesAndTags() throws Exception {
        GitServer.SeededRepository seeded = GIT.server().seed("jackal-git-user", "podinfo");
        assertTrue(seeded.refs().containsKey("refs/heads/main"));
        assertTrue(seeded.refs().containsKey("refs/heads/feature"));
        assertTrue(seeded.refs().containsKey("refs/tags/v1.0.0"));
        assertTrue(seeded.refs().containsKey("refs/tags/v1.1.0"));

        Map<String, String> remote = new TreeMap<>();
        for (Ref ref : Git.lsRemoteRepository()
                .setRemote(seeded.url())
                .setCredentialsProvider(credentials())
                .call()) {
            remote.put(ref.getName(), ref.getObjectId().name());
        }
        for (String name :
                new String[] {"refs/heads/main", "refs/heads/feature", "refs/tags/v1.0.0", "refs/tags/v1.1.0"}) {
            assertEquals(seeded.refs().get(name), remote.get(name), name);
        }

        try (Git clone = Git.cloneRepository()
                .setURI(seeded.url())
                .setDirectory(work.resolve("clone").toFile())
                .setCredentialsProvider(credentials())
                .call()) {
            assertEquals(
                    "revision 3",
                    Files.readString(work.resolve("clone/README.md"))
                            .lines()
                            .skip(2)
                            .findFirst()
                            .orElse(""));
            assertEquals(2, clone.tagList().call().size());
        }
    }

    @Test
    void pushCreatesARepositoryAndUpdatesIt() throws Exception {
        Path local = work.resolve("new");
        try (Git git =
                Git.init().setDirectory(local.toFile()).setInitialBranch("main").call()) {
            Files.writeString(local.resolve("a.txt"), "a\n");
            git.add().addFilepattern("a.txt").call();
            RevCommit commit = git.commit().setMessage("first").setSign(false).call();
            String url = GIT.server().repositoryUrl("jackal-git-user", "created-by-push");
            git.push()
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"))
                    .setCredentialsProvider(credentials())
                    .call();
            Ref main = Git.lsRemoteRepository()
                    .setRemote(url)
                    .setCredentialsProvider(credentials())
                    .callAsMap()
                    .get("refs/heads/main");
            assertEquals(commit.getId(), main.getObjectId());
        }
        assertTrue(Files.isDirectory(GIT.server().repositoriesDir().resolve("jackal-git-user/created-by-push.git")));
    }

    @Test
    void aBadPasswordIsRejected() throws Exception {
        GitServer.SeededRepository seeded = GIT.server().seed("jackal-git-user", "guarded");
        TransportException e = assertThrows(TransportException.class, () -> Git.lsRemoteRepository()
                .setRemote(seeded.url())
                .setCredentialsProvider(
                        new UsernamePasswordCredentialsProvider(GIT.server().username(), "wrong"))
                .call());
        assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
    }

    @Test
    void noCredentialsAreRejected() throws Exception {
        GitServer.SeededRepository seeded = GIT.server().seed("jackal-git-user", "anonymous");
        assertThrows(
                TransportException.class,
                () -> Git.lsRemoteRepository().setRemote(seeded.url()).call());
    }
}
