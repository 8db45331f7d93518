package dev.jackal.deployer;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.load.RemoteLoad;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jackal package inspect <SRC>}: verify a package and print its definition. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Verify a package (a file, an http(s) URL or oci://) and print its definition.")
final class PackageInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    PackageSource source;

    @Option(names = "--list-images", description = "Print the package's images instead of its definition.")
    boolean listImages;

    @Option(names = "--sbom-out", paramLabel = "DIR", description = "Write the package's SBOMs to DIR/<name>/.")
    Path sbomOut;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (sbomOut != null) {
            checkSbomOut();
        }
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                LoadedPackage loaded = source.load(
                        events,
                        global.tempRoot(),
                        source.remote(spec, RemoteLoad.Scope.METADATA, "", sbomOut != null, 3, 3))) {
            if (listImages) {
                loaded.images().forEach(out::println);
            } else {
                if (loaded.dialect() != PackageDialect.JACKAL) {
                    // a YAML comment, so the output still reads as the stored definition
                    out.println("# " + loaded.origin());
                }
                out.print(loaded.definitionText());
            }
            if (sbomOut != null) {
                writeSboms(loaded, events);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private void writeSboms(LoadedPackage loaded, ConsoleEvents events) {
        try {
            loaded.writeSboms(sbomOut)
                    .ifPresentOrElse(
                            target -> events.lifecycle("wrote the SBOMs to " + target),
                            () -> events.warn("the package has no SBOMs (it was created with --skip-sbom or has"
                                    + " nothing to describe)"));
        } catch (IOException e) {
            throw new OptionException("--sbom-out", sbomOut, "cannot write the SBOMs: " + describe(e));
        }
    }

    /** Refuses, before the package is read, an {@code --sbom-out} that cannot become a directory. */
    private void checkSbomOut() {
        for (Path path = sbomOut.toAbsolutePath(); path != null; path = path.getParent()) {
            if (Files.exists(path)) {
                if (!Files.isDirectory(path)) {
                    throw new OptionException(
                            "--sbom-out",
                            sbomOut,
                            (path.equals(sbomOut.toAbsolutePath()) ? "is a file" : path + " is a file")
                                    + ", not a directory; choose a directory for the SBOMs");
                }
                if (!Files.isWritable(path)) {
                    throw new OptionException(
                            "--sbom-out", sbomOut, path + " is not writable; choose a directory you can write to");
                }
                return;
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null
                    ? fs.getReason()
                    : e instanceof FileAlreadyExistsException
                            ? "is in the way (a file, not a directory)"
                            : e instanceof NoSuchFileException
                                    ? "does not exist"
                                    : e instanceof AccessDeniedException ? "permission denied" : "cannot be written";
            return fs.getFile() + ": " + reason;
        }
        return e.getMessage();
    }
}
