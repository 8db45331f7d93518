package dev.jackal.core.archive;

/**
 * How {@link PackageArchiver} writes the outer archive.
 *
 * @param level zstd level for compressible content, 1 to 22 (default 3)
 * @param workers zstd worker threads, at least 1 (default: the number of processors)
 * @param uncompressed write a plain {@code .tar} ({@code metadata.uncompressed})
 */
public record ArchiveOptions(int level, int workers, boolean uncompressed) {

    public static final int DEFAULT_LEVEL = 3;

    public ArchiveOptions {
        if (level < 1 || level > 22) {
            throw new IllegalArgumentException("zstd level must be between 1 and 22, got " + level);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("zstd workers must be at least 1, got " + workers);
        }
    }

    /** Level 3, one worker per processor, compressed. */
    public static ArchiveOptions defaults() {
        return new ArchiveOptions(DEFAULT_LEVEL, Runtime.getRuntime().availableProcessors(), false);
    }

    public ArchiveOptions withLevel(int newLevel) {
        return new ArchiveOptions(newLevel, workers, uncompressed);
    }

    public ArchiveOptions withWorkers(int newWorkers) {
        return new ArchiveOptions(level, newWorkers, uncompressed);
    }

    public ArchiveOptions withUncompressed(boolean newUncompressed) {
        return new ArchiveOptions(level, workers, newUncompressed);
    }
}
