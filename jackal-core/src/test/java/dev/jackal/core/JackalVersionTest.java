package dev.jackal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JackalVersionTest {

    @Test
    void versionComesFromTheBuild() {
        String version = JackalVersion.get();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), "not a Maven version: " + version);
        assertEquals(System.getProperty("jackal.expectedVersion"), version);
    }
}
