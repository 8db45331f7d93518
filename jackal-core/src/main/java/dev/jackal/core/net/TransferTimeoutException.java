package dev.jackal.core.net;

import java.io.IOException;

/** A transfer broke one of its {@link TransferBounds}; the message names the URL and the bound. */
public final class TransferTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String url;

    public TransferTimeoutException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The URL (without credentials) of the transfer. */
    public String url() {
        return url;
    }
}
