package dev.jackal.core.archive;

import java.io.IOException;
import java.util.Arrays;

/** Writes {@link SourceEntry}s as a tar into a {@link TarSink}: header records, content, padding. */
final class TarWriter {

    private static final byte[] ZEROS = new byte[TarHeaders.RECORD];

    private final TarSink sink;

    TarWriter(TarSink sink) {
        this.sink = sink;
    }

    void write(SourceEntry entry) throws IOException {
        sink.write(TarHeaders.encode(entry));
        if (entry.kind() == SourceEntry.Kind.FILE && entry.size() > 0) {
            sink.copy(entry.path(), entry.size());
            int padding = TarHeaders.padding(entry.size());
            if (padding > 0) {
                sink.write(Arrays.copyOf(ZEROS, padding));
            }
        }
    }

    void writeAll(Iterable<SourceEntry> entries) throws IOException {
        for (SourceEntry entry : entries) {
            write(entry);
        }
    }

    /** Writes the two zero records that end a tar. */
    void end() throws IOException {
        sink.write(TarHeaders.END_OF_ARCHIVE);
    }

    /** How many tar bytes {@link #write} produces for {@code entry}. */
    static long length(SourceEntry entry) throws IOException {
        long content = entry.kind() == SourceEntry.Kind.FILE ? entry.size() : 0;
        return TarHeaders.encode(entry).length + content + TarHeaders.padding(content);
    }
}
