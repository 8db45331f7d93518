package dev.jackal.cluster.push;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.oci.ImagePusher;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ImageTransform;
import dev.jackal.core.oci.InvalidReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a component's images get in the cluster's registry (spec §6.5, §7.4): each unique image under its
 * checksum name ({@code <address>/<path>:<tag>-jackal-<crc32>}, or the digest) and its plain name
 * ({@code <address>/<path>:<tag>}); the init package's agent under its plain name only, and the seed registry's
 * images not at all (the injector serves them). Names are made for the registry's {@code address}, as nodes pull
 * them, and sent to {@code endpoint} (a port-forward, or the address itself): only repository and tag travel.
 */
public final class ImageNames {

    private ImageNames() {}

    /** The pushes for {@code component}; empty for the seed registry and for components without images. */
    public static List<ImagePusher.Push> forComponent(
            Component component, PackageDialect dialect, String address, String endpoint) {
        String prefix = dialect.prefix();
        if (component.name().equals(prefix + "-seed-registry")) {
            return List.of();
        }
        boolean plainOnly = component.name().equals(prefix + "-agent");
        // jackal's names for Zarf's packages too: jackal's agent rewrites their pods
        ImageTransform transform = ImageTransform.jackal();
        List<ImagePusher.Push> pushes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String image : component.images()) {
            if (!seen.add(image)) {
                continue;
            }
            List<ImageReference> targets = new ArrayList<>();
            if (!plainOnly) {
                targets.add(at(endpoint, address, transform.withChecksum(address, image)));
            }
            targets.add(at(endpoint, address, transform.withoutChecksum(address, image)));
            pushes.add(new ImagePusher.Push(source(image), targets));
        }
        return pushes;
    }

    private static ImageReference source(String image) {
        return ImageReference.parse(image.startsWith("oci://") ? image.substring("oci://".length()) : image);
    }

    /** {@code name} (which starts with {@code address}) sent to {@code endpoint} instead. */
    private static ImageReference at(String endpoint, String address, String name) {
        if (!name.startsWith(address + "/")) {
            throw new InvalidReferenceException(name, "the name " + name + " is not in the registry " + address);
        }
        return ImageReference.parse(endpoint + name.substring(address.length()));
    }
}
