package dev.jackal.core.archive;

import java.nio.file.Path;

/**
 * What {@link PackageArchiver} wrote.
 *
 * @param archive the archive file
 * @param entries tar entries written (files and directories)
 * @param contentBytes bytes of file content archived
 * @param archiveBytes size of the archive on disk
 * @param compressedFrames zstd frames compressed at the configured level (0 for a plain tar)
 * @param storedFrames zstd frames holding already-compressed content stored as raw blocks
 */
public record ArchiveResult(
        Path archive, int entries, long contentBytes, long archiveBytes, int compressedFrames, int storedFrames) {}
