package dev.jackal.bench;

import dev.jackal.core.oci.CredentialProvider;
import dev.jackal.core.oci.Credentials;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.ImagePusher;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.OciProgressListener;
import dev.jackal.core.oci.PushResult;
import dev.jackal.core.oci.RegistryClient;
import dev.jackal.core.oci.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jackal side of the push benchmark (not part of the build or CI): pushes every image of a {@link CreateBench}
 * layout to {@code <registry>/bench/<name>:1.0} with core's {@link ImagePusher}, as deploy does.
 *
 * <pre>
 *   name &lt;layoutDir&gt;                               # once: index.json entries named bench.local/bench/NAME:1.0
 *   push &lt;layoutDir&gt; &lt;registry&gt; &lt;concurrency&gt;   # BENCH_REGISTRY_USER/_PASSWORD: push credentials
 * </pre>
 */
public final class PushBench {

    private PushBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        List<String> names = Files.readAllLines(dir.resolve("images.txt")).stream()
                .filter(n -> !n.isBlank())
                .toList();
        OciLayout layout = OciLayout.open(dir);
        if (args[0].equals("name")) {
            name(layout, names);
            return;
        }
        String registry = args[2];
        int concurrency = Integer.parseInt(args[3]);
        List<ImagePusher.Push> pushes = new ArrayList<>();
        for (String name : names) {
            pushes.add(new ImagePusher.Push(
                    source(name), List.of(ImageReference.parse(registry + "/bench/" + name + ":1.0"))));
        }
        RegistryClient.Builder builder =
                RegistryClient.builder().options(registry, RegistryOptions.defaults().withPlainHttp(true));
        // node mode: the in-cluster registry's push user, from the environment (never on the command line)
        String user = System.getenv("BENCH_REGISTRY_USER");
        if (user != null && !user.isEmpty()) {
            builder.credentials(CredentialProvider.of(
                    Map.of(registry, new Credentials(user, System.getenv("BENCH_REGISTRY_PASSWORD")))));
        }
        RegistryClient client = builder.build();
        PushResult result = new ImagePusher(client, OciProgressListener.NONE).push(layout, pushes, concurrency);
        System.out.println("pushed " + result.images() + " images: " + result.blobsUploaded() + " blobs, "
                + result.bytesUploaded() + " bytes uploaded, " + result.blobsPresent() + " present, "
                + result.blobsMounted() + " mounted");
    }

    private static ImageReference source(String name) {
        return ImageReference.parse("bench.local/bench/" + name + ":1.0");
    }

    /** Adds an entry named as create names images for each tag of {@code images.txt}. */
    private static void name(OciLayout layout, List<String> names) {
        List<Descriptor> named = new ArrayList<>();
        for (String name : names) {
            Descriptor entry = layout.entries().stream()
                    .filter(e -> name.equals(e.annotations().get(Descriptor.REF_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no entry " + name + " in " + layout));
            named.add(OciLayout.named(entry, source(name)));
        }
        layout.addEntries(named);
    }
}
