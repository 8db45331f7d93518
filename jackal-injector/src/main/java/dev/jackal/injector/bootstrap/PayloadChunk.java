package dev.jackal.injector.bootstrap;

import java.util.Objects;

/**
 * One part of the seed payload as the bootstrap needs it: its name ({@code jackal-payload-NNN}, which is also the
 * ConfigMap's name, its key and its file name in the pod) and its bytes, read when its ConfigMap is built. The
 * payload builder's own type adapts to this one.
 */
public interface PayloadChunk {

    /** At most this many bytes per part, so the base64 form stays under etcd's 1 MiB object limit. */
    int MAX_BYTES = 1024 * 768;

    String name();

    /** The part's bytes; may read them from disk on each call. */
    byte[] bytes();

    /** A part held in memory. */
    static PayloadChunk of(String name, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        byte[] copy = bytes.clone();
        if (copy.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "payload part " + name + " has " + copy.length + " bytes; at most " + MAX_BYTES + " fit");
        }
        return new PayloadChunk() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public byte[] bytes() {
                return copy.clone();
            }
        };
    }
}
