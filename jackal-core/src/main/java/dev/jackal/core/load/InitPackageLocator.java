package dev.jackal.core.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the init package {@code init} deploys (spec §7.1): {@code jackal-init-<arch>-<version>.tar.zst} of this
 * jackal's version, in the working directory, next to the jackal jar, then in the cache. A package of another
 * version is never taken silently: init and the jackal that deploys it are released together.
 */
public final class InitPackageLocator {

    private final String architecture;
    private final String version;
    private final List<Path> places;

    /**
     * @param places where to look, in order (duplicates and missing directories are fine)
     */
    public InitPackageLocator(String architecture, String version, List<Path> places) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.version = Objects.requireNonNull(version, "version");
        Set<Path> unique = new LinkedHashSet<>();
        places.stream()
                .filter(Objects::nonNull)
                .map(p -> p.toAbsolutePath().normalize())
                .forEach(unique::add);
        this.places = List.copyOf(unique);
    }

    /** The standard places: {@code workDir}, the directory of the running jar (if any), then {@code cacheDir}. */
    public static List<Path> standardPlaces(Path workDir, Optional<Path> jarDir, Path cacheDir) {
        List<Path> places = new ArrayList<>();
        places.add(workDir);
        jarDir.ifPresent(places::add);
        places.add(cacheDir);
        return places;
    }

    /** The file name init looks for, e.g. {@code jackal-init-amd64-0.1.0.tar.zst}. */
    public String fileName() {
        return "jackal-init-" + architecture + "-" + version + ".tar.zst";
    }

    /**
     * The first place that has the init package.
     *
     * @throws PackageLoadException naming the file and every place looked in, when none has it
     */
    public Path locate() {
        for (Path place : places) {
            Path candidate = place.resolve(fileName());
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new PackageLoadException(
                Path.of(fileName()),
                "no init package " + fileName() + " found; looked in "
                        + String.join(", ", places.stream().map(Path::toString).toList())
                        + "; put it in one of them (it is built as jackal-init-package/target/" + fileName()
                        + ") or pass its path to init",
                null);
    }
}
