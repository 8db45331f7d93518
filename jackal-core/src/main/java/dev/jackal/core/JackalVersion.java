package dev.jackal.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of jackal, as written into the build by Maven. */
public final class JackalVersion {

    /**
     * What create writes as {@code build.lastNonBreakingVersion}: the oldest jackal that deploys the packages this
     * one builds. Zarf writes its own constant there ({@code v0.27.0}); jackal's numbering starts again at 0.1.0,
     * and no package format change has broken older jackals yet. Raise it when one does.
     */
    public static final String LAST_NON_BREAKING = "v0.1.0";

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private JackalVersion() {}

    /** Whether {@code version} is a development build ({@code -SNAPSHOT}), for which version checks are skipped. */
    public static boolean isDevelopment(String version) {
        return version.strip().endsWith("-SNAPSHOT");
    }

    /** The version string, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = JackalVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("jackal-core is missing " + RESOURCE + "; the jar is incomplete");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException("jackal-core's " + RESOURCE + " was not filtered by the build");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
