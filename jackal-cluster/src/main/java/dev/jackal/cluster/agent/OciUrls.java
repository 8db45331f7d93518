package dev.jackal.cluster.agent;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.ImageTransform;
import dev.jackal.core.oci.InvalidReferenceException;

/** {@code oci://} URLs of Flux sources moved to the air-gap registry (spec §6.5, §9). */
final class OciUrls {

    static final String SCHEME = "oci://";

    private OciUrls() {}

    /** {@code url}, with {@code :tag} or {@code @digest} appended when given, in the registry: the checksum name. */
    static ImageReference transform(String registry, String url, String suffix, String what) {
        if (!url.startsWith(SCHEME)) {
            throw new AgentException(
                    what + ": '" + Hosts.redact(url) + "' is not an oci:// URL; write it as oci://host/path");
        }
        try {
            return ImageReference.parse(ImageTransform.jackal().withChecksum(registry, url + suffix));
        } catch (InvalidReferenceException e) {
            throw new AgentException(
                    what + ": '" + Hosts.redact(url) + suffix + "' does not name an OCI repository; fix the URL");
        }
    }
}
