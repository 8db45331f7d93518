package dev.jackal.injector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;

/** The static injector executable that this jar carries for one platform. */
public final class InjectorBinary {

    /** At most this many bytes, so the binary fits one ConfigMap. */
    public static final long MAX_BYTES = 1024L * 1024L;

    private final String platform;

    private InjectorBinary(String platform) {
        this.platform = platform;
    }

    /**
     * The binary for {@code linux/<arch>}.
     *
     * @param arch a Go-style architecture name, e.g. {@code amd64}
     * @throws UnsupportedPlatformException if this jar carries no binary for that architecture
     */
    public static InjectorBinary forArch(String arch) {
        Objects.requireNonNull(arch, "arch");
        String platform = "linux-" + arch.toLowerCase(Locale.ROOT);
        if (InjectorBinary.class.getResource(resourceName(platform)) == null) {
            throw new UnsupportedPlatformException(arch);
        }
        return new InjectorBinary(platform);
    }

    /** The platform, e.g. {@code linux-amd64}. */
    public String platform() {
        return platform;
    }

    /** Opens the binary; the caller closes the stream. */
    public InputStream open() {
        InputStream in = InjectorBinary.class.getResourceAsStream(resourceName(platform));
        if (in == null) {
            throw new UnsupportedPlatformException(platform);
        }
        return in;
    }

    /** Writes the binary to {@code target} with the executable bit set. */
    public Path writeTo(Path target) {
        try (InputStream in = open()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + target + " executable");
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourceName(String platform) {
        return platform + "/jackal-injector";
    }

    /** Thrown when no injector binary is bundled for an architecture. */
    public static final class UnsupportedPlatformException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String arch;

        UnsupportedPlatformException(String arch) {
            super("no jackal injector is bundled for architecture '" + arch + "' (this build carries linux-amd64)");
            this.arch = arch;
        }

        /** The architecture that was asked for. */
        public String arch() {
            return arch;
        }
    }
}
