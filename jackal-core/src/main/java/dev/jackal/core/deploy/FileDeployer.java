package dev.jackal.core.deploy;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.template.DeployTemplater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Places a component's {@code files[]} on the deploying host (spec §6.4): the staged copy is checked against
 * its shasum again, {@code ###JACKAL_TEMP###} ({@code ###ZARF_TEMP###} in a package built by Zarf) and a leading {@code ~} in the target are resolved, text files
 * are templated, the file (or directory) is copied to the target, and each symlink points at it.
 */
public final class FileDeployer {

    private final EventHandler events;
    private final DeployTemplater templater;
    private final Path packageTemp;
    private final Path home;

    public FileDeployer(EventHandler events, DeployTemplater templater, Path packageTemp, Path home) {
        this.events = events;
        this.templater = templater;
        this.packageTemp = packageTemp;
        this.home = home;
    }

    public void deploy(Component component, ComponentLayout staged) {
        for (int i = 0; i < component.files().size(); i++) {
            FileSpec file = component.files().get(i);
            String field = "files[" + i + "]";
            try {
                Path source = staged.file(i, file.target());
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new DeployException(
                            component.name(),
                            field + ": the package has no " + source.getFileName() + " for this file",
                            null);
                }
                if (file.shasum() != null && !file.shasum().isEmpty() && Files.isRegularFile(source)) {
                    String actual = Downloader.sha256(source);
                    if (!actual.equals(file.shasum().toLowerCase(Locale.ROOT))) {
                        throw new DeployException(
                                component.name(),
                                field + ".shasum: the packaged file has SHA-256 " + actual + ", not " + file.shasum(),
                                null);
                    }
                }
                Path target = target(file.target());
                template(source);
                Files.createDirectories(target.toAbsolutePath().getParent());
                if (Files.isDirectory(source)) {
                    copyTree(source, target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    if (Boolean.TRUE.equals(file.executable())) {
                        target.toFile().setExecutable(true, false);
                    }
                }
                for (String link : file.symlinks()) {
                    Path linkPath = target(link);
                    Files.deleteIfExists(linkPath);
                    Files.createDirectories(linkPath.toAbsolutePath().getParent());
                    Files.createSymbolicLink(linkPath, target.toAbsolutePath());
                }
                events.info("placed " + target);
            } catch (IOException e) {
                throw new DeployException(
                        component.name(), field + ": cannot place " + file.target() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The target path with {@code ###JACKAL_TEMP###} (the dialect's) and a leading {@code ~} resolved. */
    Path target(String target) {
        String resolved = target.replace(templater.dialect().tempMarker(), packageTemp.toString());
        if (resolved.equals("~") || resolved.startsWith("~/")) {
            resolved = home + resolved.substring(1);
        }
        return Path.of(resolved);
    }

    private void template(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    templater.file(file);
                }
            }
        } else {
            templater.file(source);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
