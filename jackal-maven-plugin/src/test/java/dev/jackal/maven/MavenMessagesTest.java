package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The core's CLI words become Maven's. */
class MavenMessagesTest {

    @Test
    void flagsBecomeParametersAndProperties() {
        assertEquals(
                "the registry does not speak TLS; if it serves plain HTTP, use <plainHttp>true</plainHttp>"
                        + " (-Djackal.plainHttp)",
                MavenMessages.of("the registry does not speak TLS; if it serves plain HTTP, use --plain-http"));
        assertEquals(
                "choose a larger <maxPackageSize> (-Djackal.maxPackageSize)",
                MavenMessages.of("choose a larger --max-package-size"));
        assertEquals(
                "<retries> (-Djackal.retries) must be at least 1: 0",
                MavenMessages.of("--retries must be at least 1: 0"));
        // an unknown flag is left alone; a flag's prefix never matches a longer flag
        assertEquals("--components a", MavenMessages.of("--components a"));
        assertEquals(
                "use <insecureSkipTlsVerify>true</insecureSkipTlsVerify> (-Djackal.insecureSkipTlsVerify)",
                MavenMessages.of("use --insecure-skip-tls-verify"));
    }

    @Test
    void aMessagelessExceptionIsNamedNotNull() {
        assertEquals("IllegalStateException", MavenMessages.describe(new IllegalStateException()));
    }
}
