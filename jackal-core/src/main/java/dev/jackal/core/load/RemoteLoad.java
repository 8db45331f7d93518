package dev.jackal.core.load;

import dev.jackal.core.remote.RemoteOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@code oci://} package is read (spec §4.2): which registry options, which architecture, and which of its
 * files move: only the metadata ({@code inspect}), the metadata and the selected components with their images
 * ({@code deploy --confirm}), or everything.
 *
 * @param options registry options, credentials and concurrency
 * @param architecture the index entry to read; empty: the only package in the index, else the machine's
 * @param scope which files are pulled
 * @param components the {@code --components} selection for {@link Scope#COMPONENTS} (empty: the defaults)
 * @param sboms whether {@code sboms.tar} is pulled too for {@link Scope#METADATA}
 */
public record RemoteLoad(
        RemoteOptions options, Optional<String> architecture, Scope scope, String components, boolean sboms) {

    /** Which files of a remote package are pulled. */
    public enum Scope {
        /** The definition, checksums and signature. */
        METADATA,
        /** The metadata, {@code sboms.tar}, the selected components' tars, and the image blobs they name. */
        COMPONENTS,
        /** Every file. */
        EVERYTHING
    }

    public RemoteLoad {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(scope, "scope");
        components = components == null ? "" : components;
    }

    public static RemoteLoad everything(RemoteOptions options, Optional<String> architecture) {
        return new RemoteLoad(options, architecture, Scope.EVERYTHING, "", false);
    }

    public static RemoteLoad metadata(RemoteOptions options, Optional<String> architecture, boolean sboms) {
        return new RemoteLoad(options, architecture, Scope.METADATA, "", sboms);
    }

    public static RemoteLoad components(RemoteOptions options, Optional<String> architecture, String components) {
        return new RemoteLoad(options, architecture, Scope.COMPONENTS, components, false);
    }

    /** Every file, default registry options. */
    public static RemoteLoad defaults() {
        return everything(RemoteOptions.defaults(), Optional.empty());
    }
}
