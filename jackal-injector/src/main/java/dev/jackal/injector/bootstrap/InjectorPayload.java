package dev.jackal.injector.bootstrap;

import dev.jackal.injector.PayloadChunks;
import dev.jackal.injector.SeedPayload;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The seed payload as the injector receives it: the sha256 of the whole archive (the injector's first argument) and
 * its parts in order, named {@code jackal-payload-000}, {@code -001}, … without gaps.
 */
public record InjectorPayload(String sha256, List<PayloadChunk> chunks) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public InjectorPayload {
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "payload checksum '" + sha256 + "' is not a sha256 (64 lowercase hex digits)");
        }
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("the payload has no parts");
        }
        for (int i = 0; i < chunks.size(); i++) {
            String expected = InjectorNames.payloadName(i);
            if (!expected.equals(chunks.get(i).name())) {
                throw new IllegalArgumentException("payload part " + i + " is named '"
                        + chunks.get(i).name() + "'; parts must be named " + expected + " and on, in order");
            }
        }
    }

    /** The payload {@link SeedPayload#build} wrote; each part is read from the archive when its ConfigMap is built. */
    public static InjectorPayload of(PayloadChunks built) {
        List<PayloadChunk> chunks = built.chunks().stream()
                .map(c -> (PayloadChunk) new PayloadChunk() {
                    @Override
                    public String name() {
                        return c.name();
                    }

                    @Override
                    public byte[] bytes() {
                        return c.read();
                    }
                })
                .toList();
        return new InjectorPayload(built.sha256(), chunks);
    }

    /** The part names in order. */
    public List<String> names() {
        return chunks.stream().map(PayloadChunk::name).toList();
    }
}
