package dev.jackal.core.create;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.Digest;
import dev.jackal.core.oci.ImageArchiveException;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.InvalidDigestException;
import dev.jackal.core.oci.InvalidReferenceException;
import dev.jackal.core.oci.OciArchive;
import dev.jackal.core.oci.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opens the {@link CreateOptions#imageArchives()} of a create as local layouts: unpacks each into the staging area,
 * checks its manifest digest against its digest file, and checks that every image it holds is one the package lists,
 * so an image built in the same build (Jib) keeps the reference it was built with and goes into {@code images/}
 * byte for byte.
 */
final class ArchivedImages {

    /** A digest file is one line; anything longer is not one. */
    private static final int MAX_DIGEST_FILE = 1024;

    private ArchivedImages() {}

    /**
     * The layouts of {@code archives}, unpacked below {@code stagingDir}; {@code listed} are the references of the
     * package's components.
     */
    static List<OciLayout> open(
            List<ImageArchive> archives, Path stagingDir, List<ImageReference> listed, EventHandler events) {
        List<OciLayout> layouts = new ArrayList<>();
        Map<ImageReference, Path> holders = new LinkedHashMap<>();
        for (int i = 0; i < archives.size(); i++) {
            ImageArchive archive = archives.get(i);
            OciLayout layout = OciArchive.unpack(archive.file(), stagingDir.resolve("archive-" + i));
            List<Descriptor> entries = layout.entries();
            if (entries.isEmpty()) {
                throw new ImageArchiveException(
                        archive.file(),
                        "the image archive " + archive.file() + " holds no image (its index.json lists"
                                + " no manifest)");
            }
            if (archive.digestFile() != null) {
                checkDigest(archive, entries);
            }
            for (Descriptor entry : entries) {
                ImageReference reference = referenceOf(archive.file(), entry);
                if (!listed.contains(reference)) {
                    throw new ImageArchiveException(
                            archive.file(),
                            "the image archive " + archive.file() + " holds " + reference + ", which no component"
                                    + " lists under images: add " + reference + " to a component's images in"
                                    + " jackal.yaml" + (listed.isEmpty() ? "" : " (it lists " + names(listed) + ")"));
                }
                events.info("image " + reference + " (" + entry.digest() + ") from " + archive.file()
                        + (archive.digestFile() == null ? "" : ", as " + archive.digestFile() + " says"));
                Path other = holders.putIfAbsent(reference, archive.file());
                if (other != null) {
                    throw new ImageArchiveException(
                            archive.file(),
                            "the image archives " + other + " and " + archive.file() + " both hold " + reference
                                    + ": name each image once");
                }
            }
            layouts.add(layout);
        }
        return layouts;
    }

    /** The reference an entry was given: {@code ref.name} as Jib writes it, else jackal's {@code base.name}. */
    private static ImageReference referenceOf(Path archive, Descriptor entry) {
        String name = entry.annotation(Descriptor.REF_NAME)
                .or(() -> entry.annotation(Descriptor.BASE_NAME))
                .orElseThrow(() -> new ImageArchiveException(
                        archive,
                        "the image archive " + archive + " names its image " + entry.digest() + " nowhere: its"
                                + " index.json entry has no " + Descriptor.REF_NAME + " annotation"));
        try {
            return ImageReference.parse(name);
        } catch (InvalidReferenceException e) {
            throw new ImageArchiveException(
                    archive,
                    "the image archive " + archive + " names its image " + entry.digest() + " '" + name + "' ("
                            + Descriptor.REF_NAME + " in its index.json), which is no image reference: "
                            + e.getMessage(),
                    e);
        }
    }

    private static void checkDigest(ImageArchive archive, List<Descriptor> entries) {
        Path file = archive.digestFile();
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(MAX_DIGEST_FILE + 1), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ImageArchiveException(
                    archive.file(),
                    "the digest file " + file + " of the image archive " + archive.file() + " does not exist");
        } catch (IOException e) {
            throw new ImageArchiveException(
                    archive.file(), "cannot read the digest file " + file + ": " + e.getMessage(), e);
        }
        Digest expected;
        try {
            if (text.length() > MAX_DIGEST_FILE) {
                throw new InvalidDigestException(text.substring(0, 80), "the file is longer than one digest");
            }
            expected = Digest.of(text);
        } catch (InvalidDigestException e) {
            throw new ImageArchiveException(
                    archive.file(),
                    "the digest file " + file + " holds no digest (sha256:<64 hex digits>): " + e.getMessage(),
                    e);
        }
        if (entries.stream().noneMatch(e -> e.digest().equals(expected))) {
            String held = entries.stream().map(e -> e.digest().toString()).collect(Collectors.joining(", "));
            throw new ImageArchiveException(
                    archive.file(),
                    "the image archive " + archive.file() + " holds manifest " + held + " but " + file + " says "
                            + expected + ": they come from different builds; build the image again (jib:buildTar"
                            + " writes both)");
        }
    }

    private static String names(List<ImageReference> references) {
        return references.stream().map(ImageReference::toString).collect(Collectors.joining(", "));
    }
}
