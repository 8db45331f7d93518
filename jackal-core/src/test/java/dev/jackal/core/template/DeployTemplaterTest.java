package dev.jackal.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.deploy.DeployVariables;
import dev.jackal.core.deploy.VariableException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.model.JackalPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy-time variables and templating (spec §1.7B, §6.3; the e2e scenario of §13 item 6). */
class DeployTemplaterTest {

    @TempDir
    Path dir;

    private JackalPackage pkg(Path certFile) {
        return DefinitionReader.parse(
                        Path.of("jackal.yaml"),
                        """
                kind: JackalPackageConfig
                metadata:
                  name: vars
                constants:
                  - name: SIZE
                    value: "10Gi"
                variables:
                  - name: DOMAIN
                    default: example.test
                    pattern: ^[a-z.]+$
                  - name: PASSWORD
                    sensitive: true
                  - name: OPTIONAL
                  - name: CERT
                    type: file
                    autoIndent: true
                    default: %s
                components:
                  - name: a
                """
                                .formatted(certFile),
                        DefinitionReader.Strictness.LENIENT)
                .pkg();
    }

    @Test
    void setDefaultsFilesAndIndentation() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "-----BEGIN-----\nabc\n-----END-----");
        Map<String, TemplateValue> values =
                DeployVariables.resolve(pkg(cert), Map.of("password", "hunter2", "EXTRA", "x"), Optional.empty());
        DeployTemplater templater = new DeployTemplater(values, EventHandler.NONE);

        assertEquals(
                "domain: example.test size: 10Gi",
                templater.line("domain: ###JACKAL_VAR_DOMAIN### size: ###JACKAL_CONST_SIZE###"));
        assertEquals(
                "pw: hunter2 extra: x", templater.line("pw: ###JACKAL_VAR_PASSWORD### extra: ###JACKAL_VAR_EXTRA###"));
        assertEquals("optional: ''", templater.line("optional: '###JACKAL_VAR_OPTIONAL###'"), "unset becomes empty");
        assertEquals("keep ###JACKAL_VAR_UNKNOWN### as is", templater.line("keep ###JACKAL_VAR_UNKNOWN### as is"));
        assertEquals(
                "  cert: |\n    -----BEGIN-----\n    abc\n    -----END-----",
                templater.text("  cert: |\n    ###JACKAL_VAR_CERT###"));
    }

    @Test
    void patternIsChecked() {
        VariableException e = assertThrows(
                VariableException.class,
                () -> DeployVariables.resolve(
                        pkg(dir.resolve("none")), Map.of("DOMAIN", "Not Valid!"), Optional.empty()));
        assertEquals("provided value for variable \"DOMAIN\" does not match pattern \"^[a-z.]+$\"", e.getMessage());
    }

    @Test
    void confirmScreenNeverShowsASensitiveValue() {
        JackalPackage pkg = pkg(dir.resolve("none"));
        Map<String, TemplateValue> values =
                DeployVariables.resolve(pkg, Map.of("PASSWORD", "hunter2", "DOMAIN", "other.test"), Optional.empty());
        assertEquals(
                "currently set to '**sanitized**'",
                DeployVariables.describe(pkg.variables().get(1), values.get("###JACKAL_VAR_PASSWORD###")));
        assertEquals(
                "currently set to 'other.test'",
                DeployVariables.describe(pkg.variables().get(0), values.get("###JACKAL_VAR_DOMAIN###")));
        Map<String, TemplateValue> defaults = DeployVariables.resolve(pkg, Map.of(), Optional.empty());
        assertEquals(
                "currently set to 'example.test' (default)",
                DeployVariables.describe(pkg.variables().get(0), defaults.get("###JACKAL_VAR_DOMAIN###")));
        assertFalse(values.get("###JACKAL_VAR_PASSWORD###").toString().contains("hunter2"));
        assertEquals("hunter2", DeployVariables.environment(values).get("JACKAL_VAR_PASSWORD"));
    }

    @Test
    void textFilesAreTemplatedInPlaceAndBinaryFilesLeftAlone() throws Exception {
        DeployTemplater templater =
                new DeployTemplater(Map.of("###JACKAL_VAR_NAME###", TemplateValue.plain("jackal")), EventHandler.NONE);
        Path text = dir.resolve("config.yaml");
        Files.writeString(text, "name: ###JACKAL_VAR_NAME###\nno newline at end: ###JACKAL_VAR_NAME###");
        assertTrue(templater.file(text));
        assertEquals("name: jackal\nno newline at end: jackal", Files.readString(text));
        Path binary = dir.resolve("blob.bin");
        byte[] bytes = "###JACKAL_VAR_NAME###\0\1\2".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(binary, bytes);
        assertFalse(templater.file(binary));
        assertEquals(
                new String(bytes, StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1));
    }
}
