package dev.jackal.core.layout;

import java.nio.file.Path;

/**
 * The directory of one component before it is archived as {@code components/<name>.tar} (spec §2.3).
 *
 * @param root the component's directory, named after the component
 */
public record ComponentLayout(Path root) {

    /** {@code files/<index>/<basename of target>}. */
    public Path file(int index, String target) {
        return root.resolve("files").resolve(Integer.toString(index)).resolve(basename(target));
    }

    /** {@code charts/<name>-<version>.tgz}. */
    public Path chart(String name, String version) {
        return root.resolve("charts").resolve(name + "-" + version + ".tgz");
    }

    /** {@code values/<chart>-<version>-<index>}. */
    public Path values(String chart, String version, int index) {
        return root.resolve("values").resolve(chart + "-" + version + "-" + index);
    }

    /** {@code manifests/<name>-<index>.yaml}. */
    public Path manifest(String name, int index) {
        return root.resolve("manifests").resolve(name + "-" + index + ".yaml");
    }

    /** {@code manifests/kustomization-<name>-<index>.yaml}. */
    public Path kustomization(String name, int index) {
        return root.resolve("manifests").resolve("kustomization-" + name + "-" + index + ".yaml");
    }

    /** {@code repos/<repo name>-<crc32 of the URL>}. */
    public Path repo(String directoryName) {
        return root.resolve("repos").resolve(directoryName);
    }

    /** {@code data/<index>/<basename of the target path>}. */
    public Path data(int index, String targetPath) {
        return root.resolve("data").resolve(Integer.toString(index)).resolve(basename(targetPath));
    }

    /** The last segment of a path as written in a definition ({@code /} or {@code \\} separated). */
    public static String basename(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    /** Scratch space; removed before the component is archived. */
    public Path temp() {
        return root.resolve("temp");
    }
}
