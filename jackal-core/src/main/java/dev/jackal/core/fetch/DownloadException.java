package dev.jackal.core.fetch;

import dev.jackal.core.JackalException;

/** A download failed; names the URL (never credentials) and says what to check. */
public final class DownloadException extends JackalException {
    private static final long serialVersionUID = 1L;

    private final String url;

    public DownloadException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
