package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.test.source.SourceRules;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Mojos translate configuration into core (or engine) calls: no CLI library, no CLI module, no Kubernetes client. */
class DependencyRulesTest {

    @Test
    void mojosNameNoCliOrKubernetesClient() {
        Pattern forbidden = Pattern.compile("\\b(picocli|dev\\.jackal\\.deployer|io\\.fabric8)\\.");
        assertEquals(
                List.of(),
                SourceRules.of(Path.of("src/main/java")).linesNaming(forbidden),
                "the Maven plugin must not depend on the CLI or the Kubernetes client");
    }
}
