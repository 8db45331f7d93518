package dev.jackal.core.archive;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Limits and selection for {@link SafeExtractor}.
 *
 * @param maxEntrySize largest entry accepted, in bytes, judged from its header before reading it
 * @param maxEntries most entries an archive may have (directories and links included)
 * @param filter which entries to write, by clean relative name ({@code components/web.tar}); every
 *     entry is still checked, and parents of selected entries are created as needed
 */
public record ExtractOptions(long maxEntrySize, long maxEntries, Predicate<String> filter) {

    /** 64 GiB: more than any single image layer or component jackal expects. */
    public static final long DEFAULT_MAX_ENTRY_SIZE = 64L << 30;
    /** One million entries. */
    public static final long DEFAULT_MAX_ENTRIES = 1_000_000;

    public ExtractOptions {
        if (maxEntrySize < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
        Objects.requireNonNull(filter, "filter");
    }

    /** Default limits, every entry extracted. */
    public static ExtractOptions defaults() {
        return new ExtractOptions(DEFAULT_MAX_ENTRY_SIZE, DEFAULT_MAX_ENTRIES, name -> true);
    }

    public ExtractOptions withMaxEntrySize(long bytes) {
        return new ExtractOptions(bytes, maxEntries, filter);
    }

    public ExtractOptions withMaxEntries(long count) {
        return new ExtractOptions(maxEntrySize, count, filter);
    }

    public ExtractOptions withFilter(Predicate<String> newFilter) {
        return new ExtractOptions(maxEntrySize, maxEntries, newFilter);
    }

    /** Extracts only the entries with exactly these names. */
    public ExtractOptions only(Collection<String> names) {
        Set<String> selected = Set.copyOf(names);
        return withFilter(selected::contains);
    }
}
