package dev.jackal.core.archive;

import java.io.IOException;

/** Writes {@link SourceEntry}s as a tar into a {@link TarSink}: header records, content, padding. */
final class TarWriter implements AutoCloseable {

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
                sink.write(java.util.Arrays.copyOf(ZEROS, padding));
            }
        }
    }

    /** Ends the archive and closes the sink. */
    @Override
    public void close() throws IOException {
        try {
            sink.write(TarHeaders.END_OF_ARCHIVE);
        } finally {
            sink.close();
        }
    }
}
