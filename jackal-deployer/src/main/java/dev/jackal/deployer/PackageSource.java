package dev.jackal.deployer;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The package a command reads: a file or an http(s) URL, with {@code --shasum} and {@code --insecure}. */
final class PackageSource {

    @Parameters(
            index = "0",
            paramLabel = "SRC",
            description = "The package: a .tar.zst, .tar or .part000 file, or an http(s) URL (URL@sha256 pins it).")
    String source;

    @Option(names = "--shasum", description = "The expected SHA-256 of the package archive (required for a URL).")
    String shasum;

    @Option(names = "--insecure", description = "Use a package downloaded from a URL without checking its SHA-256.")
    boolean insecure;

    /** Loads and verifies the package into a new directory under {@code tempRoot}. */
    LoadedPackage load(EventHandler events, Path tempRoot) {
        return new PackageLoader(events, tempRoot).load(source, Optional.ofNullable(shasum), insecure);
    }
}
