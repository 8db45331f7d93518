package dev.jackal.core.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One blob upload to one repository (distribution API "monolithic upload"): {@code POST …/blobs/uploads/} — with
 * {@code ?mount=<digest>&from=<repository>} when another repository of the registry already holds the blob, which
 * the registry answers 201 without a byte sent — then one {@code PUT <location>?digest=<digest>} whose body streams
 * from the file ({@link UploadBody}). The registry hashes what it receives and refuses a body that does not match the digest; the
 * digest it reports back is checked too. A failed attempt starts over (retried by the transport).
 */
public final class BlobUpload {

    /** What an upload did. */
    public enum Outcome {
        /** The repository held the blob already. */
        PRESENT,
        /** The registry linked the blob from another repository. */
        MOUNTED,
        /** The blob's bytes were sent. */
        UPLOADED
    }

    private BlobUpload() {}

    /**
     * Uploads {@code blob} from {@code source} into the repository of {@code repository}; {@code sent} hears the
     * bytes as they leave (negative when a failed attempt's bytes are taken back).
     */
    static Outcome upload(
            RegistryTransport transport,
            ImageReference repository,
            Descriptor blob,
            Path source,
            Optional<String> mountFrom,
            LongConsumer sent) {
        String what = repository.name() + "@" + blob.digest();
        return transport.retrying(what, "push", () -> {
            long size = Files.size(source);
            if (size != blob.size()) {
                throw DigestMismatchException.wrongSize("local file " + source, blob.digest(), blob.size(), size);
            }
            String query = mountFrom
                    .filter(from -> !from.equals(repository.repository()))
                    .map(from -> "?mount=" + encode(blob.digest().toString()) + "&from=" + encode(from))
                    .orElse("");
            URI start = transport.uri("v2/" + repository.repository() + "/blobs/uploads/" + query);
            HttpResponse<InputStream> started = transport.sendUpload(
                    RegistryTransport.Call.of("POST", start, Map.of()),
                    UploadBody.Source.of(new byte[0]),
                    n -> {},
                    repository.repository(),
                    what,
                    "push");
            RegistryErrors.discard(started);
            if (started.statusCode() == 201 && !query.isEmpty()) {
                return Outcome.MOUNTED;
            }
            if (started.statusCode() != 202) {
                throw RegistryErrors.status(started, transport.registry(), what, "push", "upload");
            }
            String location = started.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new IOException("upload started without a Location"));
            URI upload = started.uri().resolve(location);
            URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest="
                    + encode(blob.digest().toString()));
            AtomicLong counted = new AtomicLong();
            RegistryTransport.Call call =
                    RegistryTransport.Call.of("PUT", put, Map.of("Content-Type", "application/octet-stream"));
            try {
                HttpResponse<InputStream> done = transport.sendUpload(
                        call,
                        UploadBody.Source.of(source),
                        n -> {
                            counted.addAndGet(n);
                            sent.accept(n);
                        },
                        repository.repository(),
                        what,
                        "push");
                RegistryErrors.discard(done);
                if (done.statusCode() != 201) {
                    throw RegistryErrors.status(done, transport.registry(), what, "push", "blob upload");
                }
                Optional<Digest> stored = done.headers()
                        .firstValue("Docker-Content-Digest")
                        .filter(Digest::isValid)
                        .map(Digest::of);
                if (stored.isPresent() && !stored.get().equals(blob.digest())) {
                    throw new DigestMismatchException("blob stored at " + what, blob.digest(), stored.get());
                }
                return Outcome.UPLOADED;
            } catch (IOException | RuntimeException e) {
                // a retry sends the blob again from its start
                sent.accept(-counted.getAndSet(0));
                throw e;
            }
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
