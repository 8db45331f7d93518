package dev.jackal.core.create;

import java.io.IOException;
import java.nio.file.Path;

/** A symbolic link in a directory source that the package cannot hold; names the link and its target. */
public final class SourceLinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path link;
    private final String target;

    SourceLinkException(Path link, String target, String reason) {
        super("'" + link + "' is a symbolic link to '" + target + "', " + reason
                + "; put a copy of what it points to into the package directory instead");
        this.link = link;
        this.target = target;
    }

    public Path link() {
        return link;
    }

    public String target() {
        return target;
    }
}
