package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import dev.jackal.test.git.GitServerExtension;
import dev.jackal.test.registry.RegistryExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Charts from an OCI registry and from a git repository, on the real services. */
class RemoteChartsTest {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.plain();

    @RegisterExtension
    static final GitServerExtension GIT = new GitServerExtension();

    @TempDir
    Path pkg;

    @TempDir
    Path build;

    private ComponentAssembler assembler(GitCredentials git) {
        // no plain HTTP asked for: the loopback registry is found not to speak TLS
        RegistryClient registry =
                RegistryClient.builder().defaults(RegistryOptions.defaults()).build();
        return new ComponentAssembler(
                EventHandler.NONE,
                pkg,
                new ActionRunner(EventHandler.NONE, pkg, Map.of(), Redactor.none(), "jackal "),
                git,
                registry);
    }

    private Component component(String yaml) {
        return TestComponents.first(pkg, yaml);
    }

    @Test
    void chartFromAnOciRegistryIsItsChartLayer() throws Exception {
        Helm.create().withName("ocidemo").withDir(pkg).call();
        Path packaged = Files.createDirectories(pkg.resolve("packaged"));
        new Helm(pkg.resolve("ocidemo")).packageIt().withDestination(packaged).call();
        Path tgz = packaged.resolve("ocidemo-0.1.0.tgz");
        String address = REGISTRY.registry().address();
        Helm.push()
                .withChart(tgz)
                .withRemote(URI.create("oci://" + address + "/charts"))
                .plainHttp()
                .call();

        ComponentLayout layout = assembler(GitCredentials.none())
                .assemble(
                        component(
                                """
                - name: c
                  charts:
                    - name: ocidemo
                      version: 0.1.0
                      namespace: demo
                      url: oci://%s/charts/ocidemo
                """
                                        .formatted(address)),
                        build);
        assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(layout.chart("ocidemo", "0.1.0")));

        CreateException missing = assertThrows(CreateException.class, () -> assembler(GitCredentials.none())
                .assemble(
                        component(
                                """
                        - name: c
                          charts:
                            - name: ocidemo
                              version: 9.9.9
                              namespace: demo
                              url: oci://%s/charts/ocidemo
                        """
                                        .formatted(address)),
                        build.resolve("again")));
        assertEquals("charts[0].url", missing.field());
        assertTrue(missing.getMessage().contains("9.9.9"), missing.getMessage());
    }

    @Test
    void chartFromAGitRepositoryIsPackagedFromGitPath() throws Exception {
        Path repo = pkg.resolve("repo");
        Files.createDirectories(repo.resolve("deploy"));
        Helm.create().withName("gitdemo").withDir(repo.resolve("deploy")).call();
        UsernamePasswordCredentialsProvider push = new UsernamePasswordCredentialsProvider(
                GIT.server().username(), GIT.server().password());
        String url = GIT.server().repositoryUrl("upstream", "charts");
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("chart").setSign(false).call();
            git.push()
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"))
                    .setCredentialsProvider(push)
                    .call();
        }
        Path credentials = pkg.resolve("git-credentials");
        Files.writeString(credentials, GIT.server().credentialsLine() + "\n", StandardCharsets.UTF_8);

        ComponentLayout layout = assembler(GitCredentials.fromFile(credentials))
                .assemble(
                        component(
                                """
                - name: c
                  charts:
                    - name: gitdemo
                      version: 0.1.0
                      namespace: demo
                      url: %s@refs/heads/main
                      gitPath: deploy/gitdemo
                """
                                        .formatted(url)),
                        build);
        String listing = new String(
                new ProcessBuilder(
                                "tar", "-tzf", layout.chart("gitdemo", "0.1.0").toString())
                        .start()
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(listing.contains("gitdemo/Chart.yaml"), listing);
    }
}
