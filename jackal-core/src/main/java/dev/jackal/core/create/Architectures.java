package dev.jackal.core.create;

import java.util.Locale;

/** Architecture names as Kubernetes and OCI use them ({@code amd64}, {@code arm64}). */
public final class Architectures {

    private Architectures() {}

    /** The architecture of the machine jackal runs on. */
    public static String host() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
