package dev.jackal.core.oci;

import dev.jackal.core.JackalVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI distribution API over {@code java.net.http}, for any number of registries: each has its
 * own {@link RegistryOptions} and credentials. Manifests keep their exact bytes; blobs stream between files and
 * the network. Thread-safe.
 */
public final class RegistryClient implements OciStore {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_REDIRECTS = 5;
    private static final String CATALOG_SCOPE = "registry:catalog:*";

    private final CredentialProvider credentials;
    private final RegistryOptions defaults;
    private final Map<String, RegistryOptions> perRegistry;
    private final String userAgent;
    private final Map<String, RegistryTransport> transports = new ConcurrentHashMap<>();

    private RegistryClient(Builder builder) {
        this.credentials = builder.credentials;
        this.defaults = builder.defaults;
        this.perRegistry = Map.copyOf(builder.perRegistry);
        this.userAgent = builder.userAgent;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options used for {@code registry}. */
    public RegistryOptions options(String registry) {
        return perRegistry.getOrDefault(registry, defaults);
    }

    /** Whether requests to {@code registry} go over plain HTTP (asked for, or a loopback registry without TLS). */
    boolean plainHttp(String registry) {
        RegistryTransport transport = transports.get(registry);
        return transport != null ? transport.plainHttp() : options(registry).plainHttp();
    }

    private RegistryTransport transport(ImageReference reference) {
        return transport(reference.registry());
    }

    private RegistryTransport transport(String registry) {
        return transports.computeIfAbsent(
                registry, host -> new RegistryTransport(host, options(host), credentials, userAgent));
    }

    @Override
    public Descriptor resolve(ImageReference reference) {
        RegistryTransport transport = transport(reference);
        String ref = reference.toString();
        Descriptor resolved = transport.retrying(ref, "pull", () -> {
            HttpResponse<InputStream> response =
                    transport.sendPull(manifestCall("HEAD", reference), reference.repository(), ref, "pull");
            RegistryErrors.discard(response);
            if (response.statusCode() != 200) {
                throw RegistryErrors.status(response, transport.registry(), ref, "pull", "manifest");
            }
            Optional<String> digest =
                    response.headers().firstValue("Docker-Content-Digest").filter(Digest::isValid);
            String type = MediaTypes.strip(
                    response.headers().firstValue("Content-Type").orElse(null));
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (digest.isEmpty() || !MediaTypes.isSupported(type) || size < 0) {
                return null;
            }
            Digest found = Digest.of(digest.get());
            if (reference.digest().isPresent() && !reference.digest().get().equals(found)) {
                throw new DigestMismatchException(
                        "manifest " + ref, reference.digest().get(), found);
            }
            return Descriptor.of(type, found, size);
        });
        return resolved != null ? resolved : manifest(reference).descriptor();
    }

    @Override
    public ManifestContent manifest(ImageReference reference) {
        RegistryTransport transport = transport(reference);
        String ref = reference.toString();
        return transport.retrying(ref, "pull", () -> {
            HttpResponse<InputStream> response =
                    transport.sendPull(manifestCall("GET", reference), reference.repository(), ref, "pull");
            if (response.statusCode() != 200) {
                throw RegistryErrors.status(response, transport.registry(), ref, "pull", "manifest");
            }
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(ManifestContent.MAX_SIZE + 1);
            }
            String type = response.headers().firstValue("Content-Type").orElse(null);
            Optional<Digest> expected = reference.digest().or(() -> response.headers()
                    .firstValue("Docker-Content-Digest")
                    .filter(Digest::isValid)
                    .map(Digest::of));
            return expected.isPresent()
                    ? ManifestContent.verified(bytes, type, expected.get(), ref)
                    : ManifestContent.of(bytes, type, ref);
        });
    }

    private RegistryTransport.Call manifestCall(String method, ImageReference reference) {
        URI uri = transport(reference).uri("v2/" + reference.repository() + "/manifests/" + reference.tagOrDigest());
        return RegistryTransport.Call.of(method, uri, Map.of("Accept", MediaTypes.ACCEPT_MANIFESTS));
    }

    @Override
    public boolean blobExists(ImageReference repository, Digest digest) {
        RegistryTransport transport = transport(repository);
        String what = repository.name() + "@" + digest;
        return transport.retrying(what, "check", () -> {
            HttpResponse<InputStream> response =
                    transport.sendPull(blobCall("HEAD", repository, digest), repository.repository(), what, "check");
            RegistryErrors.discard(response);
            if (response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() == 404) {
                return false;
            }
            throw RegistryErrors.status(response, transport.registry(), what, "check", "blob");
        });
    }

    /**
     * Downloads {@code blob} to {@code target}: into a temporary file next to it while hashed, then, once size and
     * digest match, moved into place, so a partial or corrupt blob never appears there. A broken connection is retried
     * with a {@code Range} request from the bytes already written (the hash goes on over them); a server that answers
     * such a request with the whole blob (200) is read from the start again.
     */
    @Override
    public void fetchBlob(ImageReference repository, Descriptor blob, Path target) {
        RegistryTransport transport = transport(repository);
        String what = repository.name() + "@" + blob.digest();
        try (PartialBlob partial = PartialBlob.create(target, blob, "blob " + what)) {
            transport.retrying(what, "pull", () -> {
                Map<String, String> headers = partial.rangeHeader();
                HttpResponse<InputStream> response = transport.sendPull(
                        blobCall("GET", repository, blob.digest(), headers), repository.repository(), what, "pull");
                for (int hops = 0; isRedirect(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
                    URI next = response.uri()
                            .resolve(response.headers()
                                    .firstValue("Location")
                                    .orElseThrow(() -> new IOException("redirect without Location")));
                    RegistryErrors.discard(response);
                    response = transport.sendDirectForStream(next, headers);
                }
                if (response.statusCode() == 416 && !headers.isEmpty()) {
                    RegistryErrors.discard(response);
                    partial.restart();
                    throw new IOException("the registry refused the range request for " + what);
                }
                if (response.statusCode() != 200 && response.statusCode() != 206) {
                    throw RegistryErrors.status(response, transport.registry(), what, "pull", "blob");
                }
                try (InputStream in = response.body()) {
                    partial.receive(response.statusCode(), response.headers().firstValue("Content-Range"), in);
                }
                return null;
            });
            partial.commit();
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private RegistryTransport.Call blobCall(String method, ImageReference repository, Digest digest) {
        return blobCall(method, repository, digest, Map.of());
    }

    private RegistryTransport.Call blobCall(
            String method, ImageReference repository, Digest digest, Map<String, String> headers) {
        URI uri = transport(repository).uri("v2/" + repository.repository() + "/blobs/" + digest);
        return RegistryTransport.Call.of(method, uri, headers);
    }

    @Override
    public void pushBlob(ImageReference repository, Descriptor blob, Path source) {
        uploadBlob(repository, blob, source, Optional.empty(), bytes -> {});
    }

    /**
     * Puts {@code blob} into the repository of {@code repository} unless it is there already (HEAD): linked from the
     * repository {@code mountFrom} of the same registry when the registry can (cross-repository mount), else streamed
     * from {@code source} in one request. The registry checks the bytes against the digest.
     *
     * @param sent hears the bytes as they are sent (negative when a failed attempt is taken back before a retry)
     * @return whether the blob was there, mounted or uploaded
     */
    public BlobUpload.Outcome uploadBlob(
            ImageReference repository, Descriptor blob, Path source, Optional<String> mountFrom, LongConsumer sent) {
        if (blobExists(repository, blob.digest())) {
            return BlobUpload.Outcome.PRESENT;
        }
        return BlobUpload.upload(transport(repository), repository, blob, source, mountFrom, sent);
    }

    /** The digest {@code reference} (a tag or digest) resolves to in the registry, or empty when it is not there. */
    public Optional<Digest> manifestDigest(ImageReference reference) {
        RegistryTransport transport = transport(reference);
        String ref = reference.toString();
        return transport.retrying(ref, "check", () -> {
            HttpResponse<InputStream> response =
                    transport.sendPull(manifestCall("HEAD", reference), reference.repository(), ref, "check");
            RegistryErrors.discard(response);
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw RegistryErrors.status(response, transport.registry(), ref, "check", "manifest");
            }
            return response.headers()
                    .firstValue("Docker-Content-Digest")
                    .filter(Digest::isValid)
                    .map(Digest::of);
        });
    }

    @Override
    public Descriptor pushManifest(ImageReference reference, ManifestContent manifest) {
        if (reference.digest().isPresent() && !reference.digest().get().equals(manifest.digest())) {
            throw new DigestMismatchException(
                    "manifest for " + reference, reference.digest().get(), manifest.digest());
        }
        RegistryTransport transport = transport(reference);
        String ref = reference.toString();
        String target = reference.tag().orElse(manifest.digest().toString());
        URI uri = transport.uri("v2/" + reference.repository() + "/manifests/" + target);
        RegistryTransport.Call call =
                RegistryTransport.Call.of("PUT", uri, Map.of("Content-Type", manifest.mediaType()));
        return transport.retrying(ref, "push", () -> {
            HttpResponse<InputStream> response = transport.sendUpload(
                    call, UploadBody.Source.of(manifest.bytes()), n -> {}, reference.repository(), ref, "push");
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw RegistryErrors.status(response, transport.registry(), ref, "push", "manifest");
            }
            RegistryErrors.discard(response);
            Optional<Digest> stored = response.headers()
                    .firstValue("Docker-Content-Digest")
                    .filter(Digest::isValid)
                    .map(Digest::of);
            if (stored.isPresent() && !stored.get().equals(manifest.digest())) {
                throw new DigestMismatchException("manifest stored at " + ref, manifest.digest(), stored.get());
            }
            return manifest.descriptor();
        });
    }

    @Override
    public List<String> tags(ImageReference repository) {
        RegistryTransport transport = transport(repository);
        return list(
                transport,
                transport.uri("v2/" + repository.repository() + "/tags/list"),
                RegistryTransport.repositoryScope(repository.repository(), false),
                repository.name(),
                "list tags of",
                "repository",
                "tags");
    }

    /**
     * The repositories of {@code registry} ({@code GET /v2/_catalog}, every page), in the order the registry gives
     * them. A token registry is asked for the scope {@code registry:catalog:*}; registries that keep their catalog
     * to themselves (Docker Hub, most cloud registries) answer 401, 403 or 404.
     */
    public List<String> catalog(String registry) {
        return catalog(registry, 0);
    }

    /**
     * As {@link #catalog(String)}, asking for at most {@code pageSize} names per page ({@code ?n=}; 0 for the
     * registry's default). The registry may send fewer; every page is read either way.
     */
    public List<String> catalog(String registry, int pageSize) {
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize must be >= 0, not " + pageSize);
        }
        RegistryTransport transport = transport(registry);
        return list(
                transport,
                transport.uri("v2/_catalog" + (pageSize > 0 ? "?n=" + pageSize : "")),
                CATALOG_SCOPE,
                registry,
                "list the repositories of",
                "catalog",
                "repositories");
    }

    /** The names in {@code field} of every page from {@code first} on, following {@code Link: <…>; rel="next"}. */
    private static List<String> list(
            RegistryTransport transport, URI first, String scope, String what, String verb, String kind, String field) {
        List<String> names = new ArrayList<>();
        URI next = first;
        while (next != null) {
            URI page = next;
            next = transport.retrying(what, verb, () -> {
                HttpResponse<InputStream> response =
                        transport.sendInScope(RegistryTransport.Call.of("GET", page, Map.of()), scope, what, verb);
                if (response.statusCode() != 200) {
                    throw RegistryErrors.status(response, transport.registry(), what, verb, kind);
                }
                List<String> found = new ArrayList<>();
                try (InputStream in = response.body()) {
                    Json.readObject(in.readNBytes(16 << 20), what + " " + field)
                            .path(field)
                            .forEach(t -> found.add(t.asText()));
                }
                names.addAll(found);
                Matcher link =
                        NEXT_LINK.matcher(response.headers().firstValue("Link").orElse(""));
                return link.find() ? page.resolve(link.group(1)) : null;
            });
        }
        return names;
    }

    @Override
    public String toString() {
        return "RegistryClient[defaults=" + defaults + ", registries=" + perRegistry.keySet() + "]";
    }

    /** Configures a {@link RegistryClient}. */
    public static final class Builder {
        private CredentialProvider credentials = CredentialProvider.anonymous();
        private RegistryOptions defaults = RegistryOptions.defaults();
        private final Map<String, RegistryOptions> perRegistry = new HashMap<>();
        private String userAgent = "jackal/" + JackalVersion.get();

        private Builder() {}

        /** Where credentials come from; anonymous by default. See {@link DockerConfigCredentials}. */
        public Builder credentials(CredentialProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Options for registries without their own. */
        public Builder defaults(RegistryOptions options) {
            this.defaults = options;
            return this;
        }

        /** Options for one registry host, e.g. plain HTTP for {@code 127.0.0.1:5000}. */
        public Builder options(String registry, RegistryOptions options) {
            perRegistry.put(registry, options);
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
