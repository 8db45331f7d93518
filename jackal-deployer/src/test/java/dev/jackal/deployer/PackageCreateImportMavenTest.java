package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package create} of a definition with {@code import.maven}: only Maven knows the version; one line says so. */
class PackageCreateImportMavenTest {

    @TempDir
    Path dir;

    @Test
    void importMavenIsRefusedOnOneLineThatNamesMavenAndImportUrl() throws Exception {
        Files.writeString(
                dir.resolve("jackal.yaml"),
                """
                kind: JackalPackageConfig
                metadata:
                  name: shop
                components:
                  - name: database
                    required: true
                    import:
                      maven: com.acme.k8s:postgres
                      name: postgres
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), new String[] {
            "package",
            "create",
            dir.toString(),
            "--confirm",
            "--no-progress",
            "--jackal-cache=" + dir.resolve("cache"),
            "-o",
            dir.resolve("out").toString()
        });

        assertEquals(ExitCodes.FAILURE, code, err.toString());
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].contains("jackal.yaml:8:"), lines[0]);
        assertTrue(lines[0].contains("components[0].import.maven: import.maven needs Maven"), lines[0]);
        assertTrue(lines[0].contains("mvn jackal:package"), lines[0]);
        assertTrue(lines[0].contains("import.url"), lines[0]);
        assertFalse(Files.exists(dir.resolve("out"))
                && Files.list(dir.resolve("out")).findAny().isPresent());
    }
}
