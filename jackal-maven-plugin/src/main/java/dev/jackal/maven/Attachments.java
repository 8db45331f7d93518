package dev.jackal.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;

/** How the files a create writes are attached to the project. */
final class Attachments {

    private Attachments() {}

    /**
     * The Maven type of a package file, which is also its extension in a repository: {@code tar.zst}, {@code tar}
     * (uncompressed), or for the parts of a split package {@code tar.zst.part000}, {@code tar.zst.part001}, ….
     */
    static String type(Path file) {
        String name = file.getFileName().toString();
        int tar = name.lastIndexOf(".tar");
        if (tar < 0) {
            throw new IllegalArgumentException("not a package file: " + name);
        }
        return name.substring(tar + 1);
    }

    /** Whether an attached artifact of this type is a package (whole, or the first part of a split one). */
    static boolean isPackage(String type) {
        return "tar.zst".equals(type) || "tar".equals(type) || (type != null && type.endsWith(".part000"));
    }

    /**
     * The attached packages a publish sends, in the order they were attached: whole archives and the first part of
     * split ones, skeletons included; the other parts travel with their first.
     */
    static List<Artifact> publishable(List<Artifact> attached) {
        return attached.stream()
                .filter(a -> isPackage(a.getType()) && a.getFile() != null)
                .toList();
    }
}
