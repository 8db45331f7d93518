package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An archive holds an entry that jackal refuses to extract: a path that leaves the destination, a link,
 * a device, an absurd size, one entry too many. Carries the archive and the entry as they were read.
 */
public final class UnsafeEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final String entry;
    private final String reason;

    public UnsafeEntryException(Path archive, String entry, String reason) {
        super("refusing entry '" + entry + "' in " + archive + ": " + reason);
        this.archive = archive;
        this.entry = entry;
        this.reason = reason;
    }

    /** The archive being read. */
    public Path archive() {
        return archive;
    }

    /** The entry name exactly as the archive spells it. */
    public String entry() {
        return entry;
    }

    /** Why the entry was refused, in a few words. */
    public String reason() {
        return reason;
    }
}
