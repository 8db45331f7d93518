package dev.jackal.core.load;

import dev.jackal.core.archive.ChecksumException;
import dev.jackal.core.archive.Checksums;
import dev.jackal.core.archive.ExtractOptions;
import dev.jackal.core.archive.SafeExtractor;
import dev.jackal.core.archive.Sha256;
import dev.jackal.core.archive.SplitArchive;
import dev.jackal.core.archive.SplitArchiveException;
import dev.jackal.core.archive.UnsafeEntryException;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.definition.DefinitionReader;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.fetch.DownloadException;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.model.JackalPackage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a package archive for inspect and deploy (spec §5): a split package is joined first (its parts
 * are replaced by the whole archive), the archive is extracted as hostile input into a new temporary
 * directory, {@code jackal.yaml} is read, and every file is verified against {@code checksums.txt} and the
 * aggregate checksum before anything uses it.
 */
public final class PackageLoader {

    private static final Pattern PINNED = Pattern.compile("(https?://.+)@([0-9a-fA-F]{64})");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final EventHandler events;
    private final Path tempRoot;

    public PackageLoader(EventHandler events, Path tempRoot) {
        this.events = events;
        this.tempRoot = tempRoot;
    }

    /**
     * Loads {@code source}: a local archive, or an {@code http(s)://} URL downloaded first. A download needs its
     * SHA-256, from {@code shasum} or a {@code URL@sha256} suffix, unless {@code insecure}.
     */
    public LoadedPackage load(String source, Optional<String> shasum, boolean insecure) {
        if (!source.startsWith("https://") && !source.startsWith("http://")) {
            return load(Path.of(source), shasum);
        }
        String url = source;
        Optional<String> expected = shasum.map(s -> s.toLowerCase(Locale.ROOT));
        Matcher pinned = PINNED.matcher(source);
        if (pinned.matches()) {
            url = pinned.group(1);
            expected = Optional.of(pinned.group(2).toLowerCase(Locale.ROOT));
        }
        Path where = Path.of(
                URI.create(url).getPath().isEmpty() ? "/" : URI.create(url).getPath());
        if (expected.isEmpty() && !insecure) {
            throw new PackageLoadException(
                    where,
                    "a package downloaded from " + url + " must be checked: pass --shasum with its SHA-256 (or"
                            + " append @<sha256> to the URL), or --insecure to skip the check",
                    null);
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory(tempRoot, "jackal-package-");
            String name = where.getFileName() == null ? "" : where.getFileName().toString();
            if (!SAFE_NAME.matcher(name).matches()) {
                name = "package.tar.zst";
            }
            Path archive = temp.resolve("download").resolve(name);
            events.info("downloading " + url);
            String actual = new Downloader(events).download(url, archive);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new PackageLoadException(
                        archive,
                        "the package downloaded from " + url + " has SHA-256 " + actual + ", not the expected "
                                + expected.get() + "; it was not deployed",
                        null);
            }
            return load(archive, Optional.empty(), temp);
        } catch (IOException e) {
            cleanup(temp);
            throw new PackageLoadException(where, "cannot download " + url + ": " + e.getMessage(), e);
        } catch (DownloadException e) {
            cleanup(temp);
            throw new PackageLoadException(where, e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(temp);
            throw e;
        }
    }

    /**
     * Loads {@code source} ({@code .tar.zst}, {@code .tar} or {@code .part000}); {@code shasum}, when given, is
     * the SHA-256 of the archive (of the joined archive for a split package).
     */
    public LoadedPackage load(Path source, Optional<String> shasum) {
        return load(source, shasum, null);
    }

    private LoadedPackage load(Path source, Optional<String> shasum, Path givenTemp) {
        if (!Files.isRegularFile(source)) {
            throw new PackageLoadException(source, "no package at " + source, null);
        }
        Path archive = source;
        Path temp = givenTemp;
        try {
            if (source.getFileName().toString().endsWith(".part000")) {
                events.info("joining the parts of " + source.getFileName());
                archive = SplitArchive.join(source, shasum);
            } else if (shasum.isPresent()) {
                String actual = Sha256.of(source);
                if (!actual.equalsIgnoreCase(shasum.get())) {
                    throw new PackageLoadException(
                            source,
                            source.getFileName() + " has SHA-256 " + actual + ", not the expected " + shasum.get(),
                            null);
                }
            }
            if (temp == null) {
                temp = Files.createTempDirectory(tempRoot, "jackal-package-");
            }
            Path root = temp.resolve("package");
            events.info("extracting " + archive.getFileName());
            SafeExtractor.extract(archive, root, ExtractOptions.defaults());
            PackageLayout layout = new PackageLayout(root, dialect(archive, root));
            String text = Files.readString(layout.definition(), StandardCharsets.UTF_8);
            JackalPackage pkg = requireKind(
                    archive,
                    layout,
                    DefinitionReader.parse(layout.definition(), text, DefinitionReader.Strictness.LENIENT)
                            .pkg());
            String aggregate = pkg.metadata() == null ? null : pkg.metadata().aggregateChecksum();
            if (aggregate == null || aggregate.isEmpty()) {
                throw new PackageLoadException(
                        archive,
                        archive + " has no metadata.aggregateChecksum; it was not"
                                + " made by package create or was altered",
                        null);
            }
            events.info("verifying checksums");
            Checksums.verify(layout.root(), aggregate, path -> true, layout.unlistedRootFiles());
            return new LoadedPackage(archive, layout, pkg, text);
        } catch (ChecksumException e) {
            cleanup(temp);
            throw new PackageLoadException(
                    archive, archive.getFileName() + " failed verification: " + e.getMessage(), e);
        } catch (UnsafeEntryException | SplitArchiveException | DefinitionException e) {
            cleanup(temp);
            throw new PackageLoadException(archive, e.getMessage(), e);
        } catch (IOException e) {
            cleanup(temp);
            throw new PackageLoadException(archive, "cannot read " + archive + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(temp);
            throw e;
        }
    }

    /**
     * The dialect of the unpacked package at {@code root}, from the definition file it has: {@code jackal.yaml}
     * for jackal's packages, {@code zarf.yaml} for packages built by Zarf.
     */
    private static PackageDialect dialect(Path archive, Path root) {
        List<PackageDialect> found = PackageLayout.dialectsAt(root);
        if (found.isEmpty()) {
            throw new PackageLoadException(
                    archive,
                    archive + " is not a jackal package: it has no " + PackageLayout.DEFINITION + " (nor the "
                            + PackageDialect.ZARF.definitionFile() + " of a package built by Zarf)",
                    null);
        }
        if (found.size() > 1) {
            throw new PackageLoadException(
                    archive,
                    archive + " has both " + PackageLayout.DEFINITION + " and " + PackageDialect.ZARF.definitionFile()
                            + "; a package has one definition, so this one was altered",
                    null);
        }
        return found.get(0);
    }

    /** {@code pkg} with its dialect's package kind when it has none; refused when its kind is another dialect's. */
    private static JackalPackage requireKind(Path archive, PackageLayout layout, JackalPackage pkg) {
        PackageDialect dialect = layout.dialect();
        if (pkg.kind() == null) {
            return pkg.withKind(dialect.kinds().get(0));
        }
        if (!dialect.accepts(pkg.kind())) {
            throw new PackageLoadException(
                    archive,
                    archive.getFileName() + ": " + dialect.definitionFile() + " has kind " + pkg.kind() + ", but a "
                            + dialect.definitionFile() + " must say "
                            + dialect.kinds().get(0) + " or "
                            + dialect.kinds().get(1) + "; the definition file and its kind disagree, so the package"
                            + " was altered",
                    null);
        }
        return pkg;
    }

    private static void cleanup(Path temp) {
        Directories.delete(temp);
    }
}
