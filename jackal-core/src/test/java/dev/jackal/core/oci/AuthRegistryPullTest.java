package dev.jackal.core.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.oci.TestImage;
import dev.jackal.test.oci.TestImages;
import dev.jackal.test.registry.OciRegistry;
import dev.jackal.test.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthRegistryPullTest extends ImageCopierContract {

    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withAuth();

    @Override
    OciRegistry registry() {
        return REGISTRY.registry();
    }

    private RegistryClient clientWith(CredentialProvider credentials) {
        return RegistryClient.builder()
                .credentials(credentials)
                .options(registry().address(), OciFixtures.optionsFor(registry()))
                .build();
    }

    private String user() {
        return registry().username().orElseThrow();
    }

    private String password() {
        return registry().password().orElseThrow();
    }

    @Test
    void aLoopbackRegistryWithAuthNeedsNoPlainHttp() {
        TestImage image = TestImages.builder().seed(31).tag("1").push(skopeo, registry(), "auth/loopback", work);
        RegistryClient client = RegistryClient.builder()
                .credentials(OciFixtures.credentialsFor(registry()))
                .options(registry().address(), OciFixtures.fast())
                .build();

        Descriptor resolved = client.resolve(OciFixtures.ref(registry(), "auth/loopback:1"));

        assertEquals(image.digest(), resolved.digest().toString());
        assertTrue(client.plainHttp(registry().address()));
    }

    @Test
    void aWrongPasswordIsAnAuthErrorWithoutTheSecret() {
        TestImages.builder().seed(30).tag("1").push(skopeo, registry(), "auth/app", work);
        String wrong = "not-the-password-" + System.nanoTime();
        RegistryClient client =
                clientWith(CredentialProvider.of(Map.of(registry().address(), new Credentials(user(), wrong))));
        ImageReference ref = OciFixtures.ref(registry(), "auth/app:1");

        RegistryAuthException e =
                assertThrows(RegistryAuthException.class, () -> new ImageCopier(client, work.resolve("cache"))
                        .pull(List.of(ref), layout("out"), PullOptions.forArchitecture("amd64")));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("rejected the credentials of user '" + user() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("docker login " + registry().address()), e.getMessage());
        assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), "the password must not appear");
    }

    @Test
    void aCatalogWithAWrongPasswordIsAnAuthErrorWithoutTheSecret() {
        String wrong = "not-the-password-" + System.nanoTime();
        RegistryClient client =
                clientWith(CredentialProvider.of(Map.of(registry().address(), new Credentials(user(), wrong))));

        RegistryAuthException e = assertThrows(
                RegistryAuthException.class, () -> client.catalog(registry().address()));

        assertEquals(401, e.status());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "cannot list the repositories of " + registry().address()),
                e.getMessage());
        assertTrue(e.getMessage().contains("rejected the credentials of user '" + user() + "'"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), "the password must not appear");
    }

    @Test
    void noCredentialsAsksToLogIn() {
        RegistryClient client = clientWith(CredentialProvider.anonymous());
        RegistryAuthException e = assertThrows(
                RegistryAuthException.class, () -> client.manifest(OciFixtures.ref(registry(), "auth/app:1")));
        assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
        assertTrue(e.getMessage().contains("docker login " + registry().address()), e.getMessage());
    }

    @Test
    void readsCredentialsFromADockerConfig() throws Exception {
        TestImage image = TestImages.builder().seed(31).tag("cfg").push(skopeo, registry(), "auth/config", work);
        String auth = Base64.getEncoder().encodeToString((user() + ":" + password()).getBytes(StandardCharsets.UTF_8));
        Path config = work.resolve("docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(
                config, "{\"auths\":{\"http://" + registry().address() + "/v2/\":{\"auth\":\"" + auth + "\"}}}");

        RegistryClient client = clientWith(DockerConfigCredentials.fromFile(config, null));

        assertEquals(
                image.digest(),
                client.resolve(OciFixtures.ref(registry(), "auth/config:cfg"))
                        .digest()
                        .toString());
    }

    @Test
    void runsTheCredentialHelperOfTheDockerConfig() throws Exception {
        TestImage image = TestImages.builder().seed(32).tag("helper").push(skopeo, registry(), "auth/helper", work);
        Path helpers = Files.createDirectories(work.resolve("helpers"));
        Path script = helpers.resolve("docker-credential-jackaltest");
        Path seen = work.resolve("helper-stdin");
        Files.writeString(
                script,
                "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread server\nprintf '%s' \"$server\" > '" + seen + "'\n"
                        + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user() + "\",\"Secret\":\"" + password()
                        + "\"}' \"$server\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = work.resolve("docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"credHelpers\":{\"" + registry().address() + "\":\"jackaltest\"}}");

        RegistryClient client = clientWith(DockerConfigCredentials.fromFile(config, helpers));

        assertEquals(
                image.digest(),
                client.resolve(OciFixtures.ref(registry(), "auth/helper:helper"))
                        .digest()
                        .toString());
        assertEquals(registry().address(), Files.readString(seen));
    }
}
