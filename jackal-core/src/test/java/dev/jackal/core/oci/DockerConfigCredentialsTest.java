package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

    @TempDir
    Path dir;

    private DockerConfigCredentials config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return DockerConfigCredentials.fromFile(file, dir.resolve("bin"));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void helper(String name, String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = bin.resolve("docker-credential-" + name);
        Files.writeString(file, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void readsBase64AuthByHostOrUrl() throws Exception {
        DockerConfigCredentials credentials = config("{\"auths\":{"
                + "\"registry.example:5000\":{\"auth\":\"" + b64("ann:pa:ss") + "\"},"
                + "\"https://other.example/v1/\":{\"username\":\"bob\",\"password\":\"pw\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:tok") + "\"}}}");

        assertEquals(Optional.of(new Credentials("ann", "pa:ss")), credentials.find("registry.example:5000"));
        assertEquals(Optional.of(new Credentials("bob", "pw")), credentials.find("other.example"));
        assertEquals(Optional.of(new Credentials("hub", "tok")), credentials.find("docker.io"));
        assertEquals(Optional.empty(), credentials.find("unknown.example"));
    }

    @Test
    void aMissingFileMeansAnonymous() {
        assertEquals(
                Optional.empty(),
                DockerConfigCredentials.fromFile(dir.resolve("nope.json"), null).find("registry.example"));
    }

    @Test
    void aBrokenAuthEntryFailsWithoutShowingIt() throws Exception {
        DockerConfigCredentials credentials =
                config("{\"auths\":{\"registry.example\":{\"auth\":\"" + b64("no-colon-secret") + "\"}}}");
        CredentialsException e = assertThrows(CredentialsException.class, () -> credentials.find("registry.example"));
        assertFalse(e.getMessage().contains("no-colon-secret"));
        assertTrue(e.getMessage().contains("docker login registry.example"), e.getMessage());
    }

    @Test
    void credentialHelpersWinOverAuths() throws Exception {
        helper(
                "fake",
                "read server\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\",\"Secret\":\"from-%s\"}'"
                        + " \"$server\" \"$server\"\n");
        DockerConfigCredentials credentials = config("{\"credHelpers\":{\"registry.example\":\"fake\"},"
                + "\"auths\":{\"registry.example\":{\"auth\":\"" + b64("file:user") + "\"}}}");
        assertEquals(
                Optional.of(new Credentials("helper-user", "from-registry.example")),
                credentials.find("registry.example"));
    }

    @Test
    void theCredsStoreFallsBackToAuths() throws Exception {
        helper("store", "read server\necho 'credentials not found in native keychain'\nexit 1\n");
        DockerConfigCredentials credentials =
                config("{\"credsStore\":\"store\",\"auths\":{\"registry.example\":{\"auth\":\"" + b64("a:b") + "\"}}}");
        assertEquals(Optional.of(new Credentials("a", "b")), credentials.find("registry.example"));
        assertEquals(Optional.empty(), credentials.find("else.example"));
    }

    @Test
    void aFailingOrMissingHelperIsATypedError() throws Exception {
        helper("broken", "read server\necho 'keychain locked'\nexit 2\n");
        CredentialsException failed = assertThrows(
                CredentialsException.class, () -> config("{\"credHelpers\":{\"registry.example\":\"broken\"}}")
                        .find("registry.example"));
        assertTrue(failed.getMessage().contains("keychain locked"), failed.getMessage());

        CredentialsException missing = assertThrows(
                CredentialsException.class, () -> config("{\"credHelpers\":{\"registry.example\":\"absent\"}}")
                        .find("registry.example"));
        assertTrue(missing.getMessage().contains("docker-credential-absent"), missing.getMessage());
    }

    @Test
    void credentialsNeverPrintTheirPassword() {
        Credentials credentials = new Credentials("user", "hunter2");
        assertFalse(credentials.toString().contains("hunter2"));
        assertTrue(credentials.toString().contains("user"));
        assertEquals(
                Optional.of(credentials),
                CredentialProvider.anonymous()
                        .orElse(CredentialProvider.of(Map.of("r.example", credentials)))
                        .find("r.example"));
    }
}
