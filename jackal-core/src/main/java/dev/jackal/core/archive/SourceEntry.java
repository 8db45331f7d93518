package dev.jackal.core.archive;

import java.nio.file.Path;

/**
 * One file system object to put in a tar: where it is, the name it gets (forward slashes, directories
 * without the trailing slash), its kind, permission bits and size.
 */
record SourceEntry(Path path, String name, Kind kind, int mode, long size) {

    enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK
    }
}
