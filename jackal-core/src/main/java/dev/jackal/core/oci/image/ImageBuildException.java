package dev.jackal.core.oci.image;

import dev.jackal.core.oci.OciException;

/** An image could not be built: a file of a layer is missing or unreadable, or the layout cannot be written. */
public final class ImageBuildException extends OciException {
    private static final long serialVersionUID = 1L;

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
