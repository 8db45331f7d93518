package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.oci.ImagePusher;
import dev.jackal.core.oci.ImageReference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names each image is pushed under (spec §6.5 vectors, §7.4 init components). */
class ImageNamesTest {

    private static final String DIGEST = "sha256:" + "3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79";

    private static final JackalPackage PKG = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
            kind: JackalInitConfig
            metadata:
              name: init
            components:
              - name: app
                images:
                  - nginx:1.23.3
                  - ghcr.io/stefanprodan/podinfo:6.3.3
                  - busybox:latest@%s
                  - nginx:1.23.3
              - name: jackal-seed-registry
                images:
                  - library/registry:2.8.3
              - name: jackal-agent
                images:
                  - ghcr.io/jackal/agent:0.1.0
            """
                            .formatted(DIGEST),
                    DefinitionReader.Strictness.LENIENT)
            .pkg();

    private static Component component(String name) {
        return PKG.components().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<List<String>> names(List<ImagePusher.Push> pushes) {
        return pushes.stream()
                .map(p -> p.targets().stream().map(ImageReference::toString).toList())
                .toList();
    }

    @Test
    void eachUniqueImageGetsItsChecksumAndPlainName() {
        List<ImagePusher.Push> pushes =
                ImageNames.forComponent(component("app"), PackageDialect.JACKAL, "127.0.0.1:31999", "127.0.0.1:31999");
        assertEquals(3, pushes.size(), "nginx:1.23.3 once");
        assertEquals(ImageReference.parse("nginx:1.23.3"), pushes.get(0).source());
        assertEquals(
                List.of(
                        List.of(
                                "127.0.0.1:31999/library/nginx:1.23.3-jackal-3793515731",
                                "127.0.0.1:31999/library/nginx:1.23.3"),
                        List.of(
                                "127.0.0.1:31999/stefanprodan/podinfo:6.3.3-jackal-2985051089",
                                "127.0.0.1:31999/stefanprodan/podinfo:6.3.3"),
                        List.of("127.0.0.1:31999/library/busybox@" + DIGEST)),
                names(pushes),
                "a digest reference has one name: both forms are the digest");
    }

    @Test
    void throughATunnelOnlyTheHostChanges() {
        List<ImagePusher.Push> pushes =
                ImageNames.forComponent(component("app"), PackageDialect.JACKAL, "127.0.0.1:31999", "127.0.0.1:40123");
        assertEquals(
                List.of(
                        "127.0.0.1:40123/library/nginx:1.23.3-jackal-3793515731",
                        "127.0.0.1:40123/library/nginx:1.23.3"),
                names(pushes).get(0),
                "the checksum is of the source name, whatever the endpoint");
    }

    @Test
    void theSeedRegistryIsNotPushedAndTheAgentOnlyUnderItsPlainName() {
        assertEquals(
                List.of(),
                ImageNames.forComponent(
                        component("jackal-seed-registry"),
                        PackageDialect.JACKAL,
                        "127.0.0.1:31999",
                        "127.0.0.1:31999"));
        assertEquals(
                List.of(List.of("127.0.0.1:31999/jackal/agent:0.1.0")),
                names(ImageNames.forComponent(
                        component("jackal-agent"), PackageDialect.JACKAL, "127.0.0.1:31999", "127.0.0.1:31999")));
    }

    @Test
    void anExternalRegistryWithAPathKeepsItsPath() {
        List<ImagePusher.Push> pushes = ImageNames.forComponent(
                component("app"),
                PackageDialect.JACKAL,
                "registry.example:5000/airgap",
                "registry.example:5000/airgap");
        assertEquals(
                List.of(
                        "registry.example:5000/airgap/library/nginx:1.23.3-jackal-3793515731",
                        "registry.example:5000/airgap/library/nginx:1.23.3"),
                names(pushes).get(0));
    }
}
