package dev.jackal.core.archive;

import java.nio.file.Path;

/**
 * What {@link SafeExtractor} did.
 *
 * @param destination where entries were written
 * @param entriesRead entries in the archive
 * @param entriesWritten entries that passed the filter and were written
 * @param bytesWritten file content written
 */
public record ExtractResult(Path destination, long entriesRead, long entriesWritten, long bytesWritten) {}
