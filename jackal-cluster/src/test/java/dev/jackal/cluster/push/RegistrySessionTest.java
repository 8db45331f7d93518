package dev.jackal.cluster.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The registry of one deploy: looked up until found (init writes the state mid-deploy), then kept. */
class RegistrySessionTest {

    private static final RegistryTarget TARGET = new RegistryTarget(
            "127.0.0.1:31999", "jackal-push", "p", "jackal-pull", "q", true, RegistryTarget.Service.REGISTRY);

    private static final List<Component> COMPONENTS = DefinitionReader.parse(
                    Path.of("jackal.yaml"),
                    """
            kind: JackalInitConfig
            metadata:
              name: init
            components:
              - name: jackal-seed-registry
                images:
                  - library/registry:2.8.3
              - name: app
                images:
                  - nginx:1.25
            """,
                    DefinitionReader.Strictness.LENIENT)
            .pkg()
            .components();

    @Test
    void aMissingRegistryIsAskedForAgainUntilTheStateAppearsThenKept() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<Optional<RegistryTarget>> lookup =
                () -> asked.incrementAndGet() < 3 ? Optional.empty() : Optional.of(TARGET);
        try (RegistrySession session =
                new RegistrySession(EventHandler.NONE, null, lookup, 1, RegistryOptions.defaults())) {
            assertTrue(session.target().isEmpty());
            assertTrue(session.target().isEmpty());
            assertEquals(Optional.of(TARGET), session.target());
            assertEquals(Optional.of(TARGET), session.target());
            assertEquals(3, asked.get(), "found once, then kept");
        }
    }

    @Test
    void imagesWithoutARegistryFailInOneLineAndTheSeedRegistryNeedsNone() {
        AtomicInteger asked = new AtomicInteger();
        try (RegistrySession session = new RegistrySession(
                EventHandler.NONE,
                null,
                () -> {
                    asked.incrementAndGet();
                    return Optional.empty();
                },
                1,
                RegistryOptions.defaults())) {
            session.push(Path.of("images"), COMPONENTS.get(0), PackageDialect.JACKAL);
            assertEquals(0, asked.get(), "the seed registry's images are not pushed, so no registry is needed");
            PushException e = assertThrows(
                    PushException.class,
                    () -> session.push(Path.of("images"), COMPONENTS.get(1), PackageDialect.JACKAL));
            assertTrue(e.getMessage().startsWith("the cluster has no jackal registry"), e.getMessage());
            assertTrue(e.getMessage().contains("components app push images"), e.getMessage());
            session.ensurePullSecret("anywhere");
        }
    }
}
