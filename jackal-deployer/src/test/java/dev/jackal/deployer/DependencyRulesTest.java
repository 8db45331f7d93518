package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jackal.test.source.SourceRules;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a translator (flags → one engine call → messages): it reaches the cluster only through the deploy
 * engine's entry point, never through the Kubernetes or Helm client, and never through the Maven API.
 */
class DependencyRulesTest {

    private static final SourceRules SOURCES = SourceRules.of(Path.of("src/main/java"));

    @Test
    void cliNamesNoKubernetesHelmOrMavenLibrary() {
        Pattern forbidden = Pattern.compile(
                "\\b(io\\.fabric8|com\\.marcnuri\\.helm|org\\.apache\\.maven|org\\.eclipse\\.aether)\\.");
        assertEquals(List.of(), SOURCES.linesNaming(forbidden), "the CLI must go through dev.jackal.cluster");
    }

    @Test
    void cliUsesOnlyTheEnginesEntryPointPackage() {
        // the engine's API lives in dev.jackal.cluster (and the state's records, which init's flags and get-creds
        // read); its other sub-packages are its own business
        Pattern inner = Pattern.compile("\\bdev\\.jackal\\.cluster\\.(?!state\\.)[a-z][a-z0-9]*\\.");
        assertEquals(List.of(), SOURCES.linesNaming(inner), "the CLI must use the engine's entry point only");
    }
}
