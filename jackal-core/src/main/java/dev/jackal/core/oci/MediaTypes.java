package dev.jackal.core.oci;

import java.util.List;

/** The manifest and index media types jackal reads and writes, and helpers to classify them. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Docker schema 1 manifests: recognised only to refuse them with a clear message. */
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** Every manifest and index type, in order of preference. */
    public static final List<String> ALL_MANIFESTS =
            List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    /** The {@code Accept} header for manifest requests: the four types above. */
    public static final String ACCEPT_MANIFESTS = String.join(", ", ALL_MANIFESTS);

    private MediaTypes() {}

    /** An OCI index or a Docker manifest list. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** An OCI image manifest or a Docker v2 schema 2 manifest. */
    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    /** One of the four types jackal handles. */
    public static boolean isSupported(String mediaType) {
        return isIndex(mediaType) || isManifest(mediaType);
    }

    /** The media type without parameters ({@code ; charset=...}) and surrounding spaces, or null. */
    static String strip(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type;
    }
}
