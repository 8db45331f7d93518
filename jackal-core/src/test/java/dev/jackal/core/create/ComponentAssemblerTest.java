package dev.jackal.core.create;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.action.Redactor;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.test.http.StaticHttpServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentAssemblerTest {

    @TempDir
    Path pkg;

    @TempDir
    Path build;

    private ComponentAssembler assembler() {
        return new ComponentAssembler(
                EventHandler.NONE,
                pkg,
                new ActionRunner(EventHandler.NONE, pkg, Map.of(), Redactor.none(), "jackal "),
                GitCredentials.none());
    }

    private Component component(String yaml) {
        return TestComponents.first(pkg, yaml);
    }

    @Test
    void filesLocalRemoteExtractedCheckedAndModed() throws Exception {
        Files.writeString(pkg.resolve("hello.txt"), "hello\n");
        Path served = Files.createDirectories(pkg.resolve("served"));
        Files.writeString(served.resolve("remote.sh"), "#!/bin/sh\necho remote\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(served.resolve("tool.tar.gz")));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] body = "the tool\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("bin/tool");
            entry.setSize(body.length);
            tar.putArchiveEntry(entry);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        String sha = Downloader.sha256(pkg.resolve("hello.txt"));
        try (StaticHttpServer http = StaticHttpServer.serve(served)) {
            ComponentLayout layout = assembler()
                    .assemble(
                            component(
                                    """
                    - name: files
                      files:
                        - source: hello.txt
                          target: /opt/hello.txt
                          shasum: %s
                        - source: %s/remote.sh
                          target: ~/bin/remote.sh
                          executable: true
                        - source: %s/tool.tar.gz
                          extractPath: bin/tool
                          target: /usr/local/bin/tool
                    """
                                            .formatted(sha, http.baseUrl(), http.baseUrl())),
                            build);
            assertEquals("hello\n", Files.readString(layout.file(0, "hello.txt")));
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.file(0, "hello.txt"))));
            assertEquals(
                    "rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.file(1, "remote.sh"))));
            assertEquals("the tool\n", Files.readString(layout.file(2, "tool")));
            assertFalse(Files.exists(layout.temp()), "temp/ is removed before archiving");
        }
    }

    @Test
    void wrongShasumNamesTheFieldAndBothSums() throws Exception {
        Files.writeString(pkg.resolve("hello.txt"), "hello\n");
        CreateException e = assertThrows(CreateException.class, () -> assembler()
                .assemble(
                        component(
                                """
                - name: files
                  files:
                    - source: hello.txt
                      target: /opt/hello.txt
                      shasum: %s
                """
                                        .formatted("0".repeat(64))),
                        build));
        assertEquals("files[0].shasum", e.field());
        assertTrue(e.getMessage().contains(Downloader.sha256(pkg.resolve("hello.txt"))), e.getMessage());
    }

    @Test
    void manifestsLocalAndRemote() throws Exception {
        Files.writeString(pkg.resolve("cm.yaml"), "kind: ConfigMap\n");
        Path served = Files.createDirectories(pkg.resolve("served"));
        Files.writeString(served.resolve("svc.yaml"), "kind: Service\n");
        try (StaticHttpServer http = StaticHttpServer.serve(served)) {
            ComponentLayout layout = assembler()
                    .assemble(
                            component(
                                    """
                    - name: m
                      manifests:
                        - name: app
                          files:
                            - cm.yaml
                            - %s/svc.yaml
                    """
                                            .formatted(http.baseUrl())),
                            build);
            assertEquals("kind: ConfigMap\n", Files.readString(layout.manifest("app", 0)));
            assertEquals("kind: Service\n", Files.readString(layout.manifest("app", 1)));
        }
    }

    @Test
    void kustomizationIsRenderedByRealKustomize() throws Exception {
        Path k = Files.createDirectories(pkg.resolve("kustom"));
        Files.writeString(k.resolve("kustomization.yaml"), "namePrefix: jackal-\nresources:\n  - cm.yaml\n");
        Files.writeString(k.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        ComponentLayout layout = assembler()
                .assemble(
                        component(
                                """
                - name: k
                  manifests:
                    - name: app
                      kustomizations:
                        - kustom
                """),
                        build);
        String rendered = Files.readString(layout.kustomization("app", 0));
        assertTrue(rendered.contains("name: jackal-settings"), rendered);
    }

    @Test
    void localChartIsPackagedByHelmReproducibly() throws Exception {
        Helm.create().withName("demo").withDir(pkg).call();
        Files.writeString(pkg.resolve("values-prod.yaml"), "replicaCount: 3\n");
        String yaml =
                """
                - name: c
                  charts:
                    - name: demo
                      version: 0.1.0
                      namespace: demo
                      localPath: demo
                      valuesFiles:
                        - values-prod.yaml
                """;
        ComponentLayout first = assembler().assemble(component(yaml), build.resolve("one"));
        byte[] tgz = Files.readAllBytes(first.chart("demo", "0.1.0"));
        assertEquals(0x1f, tgz[0] & 0xff);
        assertEquals("replicaCount: 3\n", Files.readString(first.values("demo", "0.1.0", 0)));
        Thread.sleep(1100);
        ComponentLayout second = assembler().assemble(component(yaml), build.resolve("two"));
        assertArrayEquals(
                tgz, Files.readAllBytes(second.chart("demo", "0.1.0")), "the same chart gives the same bytes");
        String listing = new String(
                new ProcessBuilder("tar", "-tzf", first.chart("demo", "0.1.0").toString())
                        .start()
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(listing.contains("demo/Chart.yaml"), listing);
        assertTrue(listing.contains("demo/templates/deployment.yaml"), listing);
    }

    @Test
    void chartFromAHelmRepository() throws Exception {
        Path repo = Files.createDirectories(pkg.resolve("repo"));
        Helm.create().withName("remote").withDir(pkg).call();
        new Helm(pkg.resolve("remote")).packageIt().withDestination(repo).call();
        Files.writeString(
                repo.resolve("index.yaml"),
                """
                apiVersion: v1
                entries:
                  remote:
                    - name: remote
                      version: 0.1.0
                      urls:
                        - charts/remote-0.1.0.tgz
                """);
        Files.createDirectories(repo.resolve("charts"));
        Files.move(repo.resolve("remote-0.1.0.tgz"), repo.resolve("charts/remote-0.1.0.tgz"));
        try (StaticHttpServer http = StaticHttpServer.serve(repo)) {
            ComponentLayout layout = assembler()
                    .assemble(
                            component(
                                    """
                    - name: c
                      charts:
                        - name: remote
                          version: 0.1.0
                          namespace: remote
                          url: %s
                    """
                                            .formatted(http.baseUrl())),
                            build);
            assertArrayEquals(
                    Files.readAllBytes(repo.resolve("charts/remote-0.1.0.tgz")),
                    Files.readAllBytes(layout.chart("remote", "0.1.0")),
                    "downloaded as it is");
            CreateException e = assertThrows(CreateException.class, () -> assembler()
                    .assemble(
                            component(
                                    """
                    - name: c
                      charts:
                        - name: remote
                          version: 9.9.9
                          namespace: remote
                          url: %s
                    """
                                            .formatted(http.baseUrl())),
                            build.resolve("again")));
            assertEquals("charts[0].version", e.field());
            assertTrue(e.getMessage().contains("has no chart 'remote' version 9.9.9"), e.getMessage());
        }
    }

    @Test
    void onCreateActionsRunInOrderAndOnFailureOnError() throws Exception {
        Path log = pkg.resolve("log.txt");
        assembler()
                .assemble(
                        component(
                                """
                - name: a
                  actions:
                    onCreate:
                      before:
                        - cmd: echo before >> log.txt
                      after:
                        - cmd: echo after >> log.txt
                      onSuccess:
                        - cmd: echo success >> log.txt
                """),
                        build);
        assertEquals(List.of("before", "after", "success"), Files.readAllLines(log));
        Files.delete(log);
        assertThrows(RuntimeException.class, () -> assembler()
                .assemble(
                        component(
                                """
                - name: b
                  files:
                    - source: missing.txt
                      target: /x
                  actions:
                    onCreate:
                      before:
                        - cmd: echo before >> log.txt
                      onFailure:
                        - cmd: echo failure >> log.txt
                """),
                        build));
        assertEquals(List.of("before", "failure"), Files.readAllLines(log));
    }
}
