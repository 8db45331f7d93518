package dev.jackal.injector.bootstrap;

import java.util.Objects;

/**
 * An image already on a node, which the injector pod can run from on that node without pulling.
 *
 * @param source how it was found, best first
 */
public record Candidate(String image, String nodeName, Source source) {

    /** Where the image was seen; the order is the preference. */
    public enum Source {
        /** A running pod on the node uses it and has no image pull secrets. */
        POD,
        /** A running pod on the node uses it, with image pull secrets. */
        POD_WITH_PULL_SECRETS,
        /** Only the node's own image list ({@code status.images}) names it, e.g. kubelet's sandbox image. */
        NODE_IMAGE_LIST
    }

    public Candidate {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(source, "source");
    }
}
