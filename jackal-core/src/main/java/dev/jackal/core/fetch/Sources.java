package dev.jackal.core.fetch;

import java.net.URI;
import java.util.Locale;

/** Tells local paths from remote sources in a definition. */
public final class Sources {

    private Sources() {}

    /** Whether {@code source} is an {@code http(s)://} URL. */
    public static boolean isHttp(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** The last path segment of a URL, without query or fragment; {@code download} when there is none. */
    public static String basename(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return "download";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
