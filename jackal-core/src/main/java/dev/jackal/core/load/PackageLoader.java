package dev.jackal.core.load;

import dev.jackal.core.archive.ChecksumException;
import dev.jackal.core.archive.PackageExtractor;
import dev.jackal.core.archive.Sha256;
import dev.jackal.core.archive.SplitArchive;
import dev.jackal.core.archive.SplitArchiveException;
import dev.jackal.core.archive.SplitInput;
import dev.jackal.core.archive.UnsafeEntryException;
import dev.jackal.core.definition.DefinitionException;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.fetch.DownloadException;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.layout.PackageLayout;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.remote.PackageUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a package archive for inspect and deploy (spec §5): the archive (or the parts of a split package, read as
 * one stream and never joined or removed) is extracted as hostile input into a new temporary directory and verified
 * while it streams ({@link PackageExtractor}): {@code jackal.yaml} is read and its names checked as soon as it is out
 * (it comes first), an entry {@code checksums.txt} does not list is refused before it is written, every file is
 * checked against {@code checksums.txt} and the aggregate checksum before anything uses it.
 */
public final class PackageLoader {

    private static final Pattern PINNED = Pattern.compile("(https?://.+)@([0-9a-fA-F]{64})");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final EventHandler events;
    private final Path tempRoot;
    private final RemoteLoad remote;

    public PackageLoader(EventHandler events, Path tempRoot) {
        this(events, tempRoot, RemoteLoad.defaults());
    }

    /** A loader that reads {@code oci://} sources as {@code remote} says (registry options, architecture, scope). */
    public PackageLoader(EventHandler events, Path tempRoot, RemoteLoad remote) {
        this.events = events;
        this.tempRoot = tempRoot;
        this.remote = remote;
    }

    /**
     * Loads {@code source}: a local archive, or an {@code http(s)://} URL downloaded first. A download needs its
     * SHA-256, from {@code shasum} or a {@code URL@sha256} suffix, unless {@code insecure}. An {@code oci://}
     * reference is read from its registry (with {@code shasum}, pinned to that manifest digest), pulling only the files
     * the loader's {@link RemoteLoad} asks for.
     */
    public LoadedPackage load(String source, Optional<String> shasum, boolean insecure) {
        if (PackageUrl.isOci(source)) {
            String pinned = shasum.filter(s -> !source.contains("@"))
                    .map(s -> source + "@" + Digest.SHA256 + ":" + s.toLowerCase(Locale.ROOT))
                    .orElse(source);
            return new RemotePackageLoad(events, tempRoot, remote).load(pinned);
        }
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
        boolean split = source.getFileName().toString().endsWith(".part000");
        Path temp = givenTemp;
        try {
            if (!split && shasum.isPresent()) {
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
            PackageLayout extracted = new PackageLayout(temp.resolve("package"));
            DefinitionGate definition = new DefinitionGate(source);
            events.info("extracting and verifying " + source.getFileName());
            extract(source, split, shasum, extracted, definition);
            PackageLayout layout = extracted.withDialect(definition.dialect());
            return new LoadedPackage(source, layout, definition.pkg(), definition.text());
        } catch (ChecksumException e) {
            cleanup(temp);
            if (e.problem() == ChecksumException.Problem.MISSING_FILE
                    && e.path().orElse("").contains(PackageLayout.DEFINITION)) {
                throw new PackageLoadException(
                        source,
                        source + " is not a jackal package: it has no " + PackageLayout.DEFINITION + " (nor the "
                                + PackageDialect.ZARF.definitionFile() + " of a package built by Zarf)",
                        e);
            }
            throw new PackageLoadException(source, source.getFileName() + " failed verification: " + e.detail(), e);
        } catch (DefinitionException e) {
            cleanup(temp);
            throw new PackageLoadException(source, e.getMessage(), e);
        } catch (UnsafeEntryException | SplitArchiveException e) {
            cleanup(temp);
            throw new PackageLoadException(source, e.getMessage(), e);
        } catch (IOException e) {
            cleanup(temp);
            throw new PackageLoadException(source, "cannot read " + source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(temp);
            throw e;
        }
    }

    /** Streams the archive (or the parts of a split one, never joined on disk) into the layout, verifying it. */
    private static void extract(
            Path source, boolean split, Optional<String> shasum, PackageLayout layout, DefinitionGate definition)
            throws IOException {
        if (!split) {
            try (InputStream in = Files.newInputStream(source)) {
                PackageExtractor.extract(in, source, layout.root(), DefinitionGate.definitions(), definition);
            }
            return;
        }
        try (SplitInput in = SplitArchive.open(source, shasum)) {
            PackageExtractor.extract(in, source, layout.root(), DefinitionGate.definitions(), definition);
            in.verify();
        }
    }

    private static void cleanup(Path temp) {
        Directories.delete(temp);
    }
}
