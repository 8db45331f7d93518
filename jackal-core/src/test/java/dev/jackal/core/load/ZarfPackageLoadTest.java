package dev.jackal.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.PackageKind;
import dev.jackal.test.zarf.ZarfPackageWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages laid out as Zarf writes them (spec §0, §2) load in Zarf's dialect; wrong ones are refused clearly. */
class ZarfPackageLoadTest {

    /** A definition as Zarf v0.32 stores it, plus fields only later Zarf writes (which jackal does not model). */
    static final String ZARF_YAML =
            """
            apiVersion: zarf.dev/v1alpha1
            kind: ZarfPackageConfig
            metadata:
              name: zarf-hello
              version: 0.1.0
              architecture: amd64
              allowNamespaceOverride: true
            build:
              terminal: builder
              user: someone
              architecture: amd64
              timestamp: Mon, 02 Jan 2006 15:04:05 -0700
              version: v0.32.6
              migrations:
                - scripts-to-actions
                - pluralize-set-variable
              lastNonBreakingVersion: v0.27.0
              signed: false
              versionRequirements:
                - version: v0.65.0
                  reason: a later feature
              provenanceFiles:
                - checksums.txt
            documentation:
              readme: README.md
            values:
              files: []
            variables:
              - name: GREETING
                default: hello
            components:
              - name: hello
                required: true
                files:
                  - source: motd.txt
                    target: /tmp/motd.txt
                    template: false
            """;

    @TempDir
    Path work;

    private Path write(ZarfPackageWriter writer) throws Exception {
        return writer.write(work.resolve("in").resolve("zarf-package-zarf-hello-amd64-0.1.0.tar.zst"));
    }

    private static ZarfPackageWriter hello(String yaml) {
        return ZarfPackageWriter.definition(yaml)
                .componentFile("hello", "files/0/motd.txt", "###ZARF_VAR_GREETING###\n");
    }

    private PackageLoadException refused(Path archive) throws Exception {
        Path temp = Files.createDirectories(work.resolve("temp"));
        PackageLoadException e =
                assertThrows(PackageLoadException.class, () -> new PackageLoader(EventHandler.NONE, temp)
                        .load(archive, Optional.empty()));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "a refused package leaves nothing behind");
        }
        return e;
    }

    @Test
    void zarfPackageLoadsInZarfsDialectIgnoringFieldsJackalDoesNotKnow() throws Exception {
        Path archive = write(hello(ZARF_YAML)
                .unlistedFile("zarf.yaml.sig", "c2ln".getBytes(StandardCharsets.UTF_8))
                .unlistedFile("zarf.bundle.sig", "{}".getBytes(StandardCharsets.UTF_8)));
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            assertEquals(PackageDialect.ZARF, loaded.dialect());
            assertEquals(PackageKind.ZarfPackageConfig, loaded.pkg().kind());
            assertEquals("zarf.yaml", loaded.layout().definition().getFileName().toString());
            assertEquals("zarf-hello", loaded.pkg().metadata().name());
            assertTrue(loaded.definitionText().contains("kind: ZarfPackageConfig"), loaded.definitionText());
            assertEquals(
                    "dialect: zarf (built by zarf v0.32.6; zarf.yaml, ZarfPackageConfig, ###ZARF_*### markers)",
                    loaded.origin());
            assertTrue(Files.isRegularFile(loaded.layout().componentTar("hello")));
        }
    }

    @Test
    void laterZarfsTwoDocumentDefinitionIsReadFromItsFirstDocument() throws Exception {
        // built from a v1beta1 definition, later Zarf stores the v1alpha1 document first, then the v1beta1 one
        String twoDocuments = ZARF_YAML
                + """
                ---
                apiVersion: zarf.dev/v1beta1
                kind: ZarfPackageConfig
                metadata:
                  name: zarf-hello
                components:
                  - name: hello
                    optional: false
                """;
        try (LoadedPackage loaded =
                new PackageLoader(EventHandler.NONE, work).load(write(hello(twoDocuments)), Optional.empty())) {
            assertEquals(PackageDialect.ZARF, loaded.dialect());
            assertEquals("hello", loaded.pkg().components().get(0).name());
            assertEquals(Boolean.TRUE, loaded.pkg().components().get(0).required());
        }
    }

    @Test
    void zarfPackageWithoutKindIsAZarfPackageConfig() throws Exception {
        Path archive = write(hello(ZARF_YAML.replace("kind: ZarfPackageConfig\n", "")));
        try (LoadedPackage loaded = new PackageLoader(EventHandler.NONE, work).load(archive, Optional.empty())) {
            assertEquals(PackageKind.ZarfPackageConfig, loaded.pkg().kind(), "Zarf's default kind");
        }
    }

    @Test
    void zarfYamlWithJackalKindIsRefused() throws Exception {
        Path archive = write(hello(ZARF_YAML.replace("kind: ZarfPackageConfig", "kind: JackalPackageConfig")));
        PackageLoadException e = refused(archive);
        assertTrue(
                e.getMessage().contains("zarf.yaml has kind JackalPackageConfig")
                        && e.getMessage().contains("ZarfPackageConfig or ZarfInitConfig"),
                e.getMessage());
    }

    @Test
    void jackalYamlWithZarfKindIsRefused() throws Exception {
        Path archive = write(hello(ZARF_YAML).definitionFile("jackal.yaml"));
        PackageLoadException e = refused(archive);
        assertTrue(
                e.getMessage().contains("jackal.yaml has kind ZarfPackageConfig")
                        && e.getMessage().contains("JackalPackageConfig or JackalInitConfig"),
                e.getMessage());
    }

    @Test
    void unknownKindIsRefusedNamingIt() throws Exception {
        Path archive = write(hello(ZARF_YAML.replace("kind: ZarfPackageConfig", "kind: ZarfBundleConfig")));
        PackageLoadException e = refused(archive);
        assertTrue(e.getMessage().contains("ZarfBundleConfig"), e.getMessage());
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
    }

    @Test
    void packageWithBothDefinitionsIsRefused() throws Exception {
        // the same definition under both names (jackal.yaml comes first and passes its checks on its own)
        Path archive = write(hello(ZARF_YAML)
                .copyOfDefinition(
                        "jackal.yaml", yaml -> yaml.replace("kind: ZarfPackageConfig", "kind: JackalPackageConfig")));
        PackageLoadException e = refused(archive);
        assertTrue(e.getMessage().contains("both jackal.yaml and zarf.yaml"), e.getMessage());
    }

    @Test
    void zarfPackageIsVerifiedLikeJackalsOwn() throws Exception {
        Path extra = write(hello(ZARF_YAML).unlistedFile("extra.txt", "x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(extra).getMessage().contains("extra.txt is in the package but not in checksums.txt"));

        // a jackal signature name is no signature of a Zarf package: it is an unlisted file there
        Path jackalSig = write(hello(ZARF_YAML).unlistedFile("jackal.yaml.sig", "x".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(jackalSig).getMessage().contains("jackal.yaml.sig"));
    }

    @Test
    void archiveWithNeitherDefinitionIsRefusedAtItsFirstUnlistedFile() throws Exception {
        // the loader refuses a file checksums.txt does not list on sight, before it could see that no definition
        // follows (an archive without any extra file gets "not a jackal package", see InspectTest)
        Path archive = write(hello(ZARF_YAML).definitionFile("package.yaml"));
        PackageLoadException e = refused(archive);
        assertTrue(e.getMessage().contains("package.yaml is in the package but not in checksums.txt"), e.getMessage());
    }
}
