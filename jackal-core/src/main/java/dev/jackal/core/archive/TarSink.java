package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.Path;

/** Where a {@link TarWriter} puts its bytes: headers as arrays, file content straight from the file. */
interface TarSink extends AutoCloseable {

    void write(byte[] bytes) throws IOException;

    /** Appends exactly {@code size} bytes read from {@code file}. */
    void copy(Path file, long size) throws IOException;

    @Override
    void close() throws IOException;
}
