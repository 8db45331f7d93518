package dev.jackal.core.oci;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fully-qualified image reference: registry, repository, and a tag and/or a digest. Parsed with the rules of
 * the distribution reference grammar: the first path component is the registry when it contains a {@code .} or
 * a {@code :}, is {@code localhost}, or has upper-case letters; otherwise the registry is {@code docker.io}, where
 * a single-component repository gets the {@code library/} prefix. Without tag and digest the tag is
 * {@code latest}. {@link #toString()} is the fully-qualified form, e.g. {@code docker.io/library/nginx:1.25}.
 */
public final class ImageReference {

    /** The registry name of Docker Hub in references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The tag used when a reference has neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int MAX_NAME_LENGTH = 255;

    private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN =
            Pattern.compile("(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-fA-F:.%]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** Parses and normalises {@code text}, e.g. {@code nginx} to {@code docker.io/library/nginx:latest}. */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidReferenceException(text, "an image reference is required");
        }
        if (HEX64.matcher(text).matches()) {
            throw new InvalidReferenceException(text, "a bare 64-digit hex string is not a repository name");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.of(rest.substring(at + 1));
            } catch (InvalidDigestException e) {
                throw new InvalidReferenceException(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && isRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            repository = rest.substring(slash + 1);
        }
        return create(text, registry, repository, tag == null && digest == null ? DEFAULT_TAG : tag, digest);
    }

    private static boolean isRegistry(String first) {
        return first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || !first.toLowerCase(java.util.Locale.ROOT).equals(first);
    }

    private static ImageReference create(String text, String registry, String repository, String tag, Digest digest) {
        if (registry.equals(LEGACY_DOCKER_HUB)) {
            registry = DOCKER_HUB;
        }
        if (!DOMAIN.matcher(registry).matches()) {
            throw new InvalidReferenceException(text, "registry " + OciException.quote(registry) + " is not a host");
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = OFFICIAL_PREFIX + repository;
        }
        if (repository.isEmpty()) {
            throw new InvalidReferenceException(text, "the repository name is missing");
        }
        if (!repository.toLowerCase(java.util.Locale.ROOT).equals(repository)) {
            throw new InvalidReferenceException(text, "repository name must be lowercase");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(
                        text,
                        "repository path component " + OciException.quote(component)
                                + " must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(text, "the repository name is longer than 255 characters");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(
                    text, "tag " + OciException.quote(tag) + " must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** The registry host (and port), e.g. {@code docker.io} or {@code 127.0.0.1:5000}. */
    public String registry() {
        return registry;
    }

    /** The repository path without the registry, e.g. {@code library/nginx}. */
    public String repository() {
        return repository;
    }

    /** Registry and repository, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    public String tagOrDigest() {
        return digest != null ? digest.toString() : tag;
    }

    /**
     * The same repository, tag and digest in another registry: {@code target} is a host, optionally followed by
     * a path prefix ({@code mirror.example:5000/dockerhub}), as in {@code --registry-override src=dst}.
     */
    public ImageReference withRegistry(String target) {
        if (target == null || target.isBlank()) {
            throw new InvalidReferenceException(target, "a registry is required");
        }
        int slash = target.indexOf('/');
        String host = slash < 0 ? target : target.substring(0, slash);
        String prefix = slash < 0 ? "" : target.substring(slash + 1);
        String path = prefix.isEmpty() ? repository : prefix + "/" + repository;
        return create(target + "/" + repository, host, path, tag, digest);
    }

    /** Another repository (e.g. {@code group/app}) in the same registry, with the same tag and digest. */
    public ImageReference withRepository(String repository) {
        return create(registry + "/" + repository, registry, repository, tag, digest);
    }

    /** The same repository, pinned to {@code digest} (without tag). */
    public ImageReference withDigest(Digest digest) {
        return new ImageReference(registry, repository, null, Objects.requireNonNull(digest, "digest"));
    }

    /** The same repository with {@code tag} (without digest). */
    public ImageReference withTag(String tag) {
        return create(name() + ":" + tag, registry, repository, tag, null);
    }

    /** Repository and tag or digest without the registry ({@code library/nginx:1.25}), as older packages wrote. */
    public String toStringWithoutRegistry() {
        return repository + suffix();
    }

    /** The fully-qualified reference: {@code registry/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference r
                && r.registry.equals(registry)
                && r.repository.equals(repository)
                && Objects.equals(r.tag, tag)
                && Objects.equals(r.digest, digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }
}
