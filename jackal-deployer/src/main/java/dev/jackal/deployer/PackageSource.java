package dev.jackal.deployer;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.PackageLoader;
import dev.jackal.core.load.RemoteLoad;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The package a command reads: a file, an http(s) URL or an {@code oci://} reference, with {@code --shasum},
 * {@code --insecure}, and for {@code oci://} the architecture and registry flags.
 */
final class PackageSource {

    @Parameters(
            index = "0",
            paramLabel = "SRC",
            description = "The package: a .tar.zst, .tar or .part000 file, an http(s) URL (URL@sha256 pins it), or"
                    + " oci://REGISTRY/REPOSITORY/NAME:VERSION.")
    String source;

    @Option(
            names = "--shasum",
            description = "The expected SHA-256 of the package archive (required for a URL), or of an oci:// manifest.")
    String shasum;

    @Option(names = "--insecure", description = "Use a package downloaded from a URL without checking its SHA-256.")
    boolean insecure;

    @Option(
            names = {"-a", "--architecture"},
            description =
                    "For oci://: the architecture to read (default: the only one published, else this machine's).")
    String architecture;

    @Mixin
    RegistryFlags registry;

    /** The {@code oci://} load of this source with {@code scope}. */
    RemoteLoad remote(
            CommandSpec spec, RemoteLoad.Scope scope, String components, boolean sboms, int retries, int concurrency) {
        return new RemoteLoad(
                registry.options(spec, retries, concurrency),
                Optional.ofNullable(architecture).filter(a -> !a.isBlank()),
                scope,
                components,
                sboms);
    }

    /** Loads and verifies the package into a new directory under {@code tempRoot}. */
    LoadedPackage load(EventHandler events, Path tempRoot, RemoteLoad remote) {
        return new PackageLoader(events, tempRoot, remote).load(source, Optional.ofNullable(shasum), insecure);
    }
}
