package dev.jackal.core.oci;

import dev.jackal.core.net.HttpProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link HttpProxyRegistryTest}, with JVM flags a running test JVM cannot change: pulls
 * {@code args[0]} from a TLS registry through an HTTP proxy into the layout {@code args[1]}, pushes it back as
 * {@code args[2]}, and prints the pulled digest. Secrets come from the environment, not the command line.
 */
public final class ProxiedCopyMain {

    private ProxiedCopyMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        ImageReference source = ImageReference.parse(args[0]);
        HttpProxy proxy = HttpProxy.of(env.get("PROXY_HOST"), Integer.parseInt(env.get("PROXY_PORT")))
                .withCredentials(env.get("PROXY_USER"), env.get("PROXY_PASSWORD"));
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialProvider.of(Map.of(
                        source.registry(), new Credentials(env.get("REGISTRY_USER"), env.get("REGISTRY_PASSWORD")))))
                .options(
                        source.registry(),
                        OciFixtures.fast()
                                .withCaCertificate(Path.of(env.get("REGISTRY_CA")))
                                .withProxy(proxy))
                .build();
        OciLayout layout = OciLayout.create(Path.of(args[1]));
        PullResult pulled =
                new ImageCopier(client, null).pull(List.of(source), layout, PullOptions.forArchitecture("amd64"));
        new ImagePusher(client, OciProgressListener.NONE)
                .push(layout, List.of(new ImagePusher.Push(source, List.of(ImageReference.parse(args[2])))), 1);
        System.out.println(pulled.images().get(0).descriptor().digest());
    }
}
