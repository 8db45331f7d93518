package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.zarf.ZarfPackageWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package inspect} of a package laid out as Zarf writes it: verified, and shown as a Zarf package. */
class InspectZarfPackageTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void inspectShowsAZarfPackageAsOne() throws Exception {
        Path archive = ZarfPackageWriter.definition(
                        """
                        kind: ZarfPackageConfig
                        metadata:
                          name: zarf-hello
                          version: 0.1.0
                        build:
                          version: v0.32.6
                          lastNonBreakingVersion: v0.27.0
                        components:
                          - name: hello
                            files:
                              - source: motd.txt
                                target: /tmp/motd.txt
                        """)
                .componentFile("hello", "files/0/motd.txt", "###ZARF_VAR_GREETING###\n")
                .write(work.resolve("zarf-package-zarf-hello-amd64-0.1.0.tar.zst"));
        Path temp = Files.createDirectories(work.resolve("tmp"));

        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "package",
                "inspect",
                archive.toString(),
                "--tmpdir",
                temp.toString(),
                "--no-progress");

        assertEquals(ExitCodes.OK, code, err.toString());
        String shown = out.toString();
        assertTrue(
                shown.startsWith(
                        "# dialect: zarf (built by zarf v0.32.6; zarf.yaml, ZarfPackageConfig, ###ZARF_*### markers)\n"),
                shown);
        assertTrue(shown.contains("\nkind: ZarfPackageConfig\n"), shown);
        assertTrue(shown.contains("  aggregateChecksum: "), shown);
    }
}
