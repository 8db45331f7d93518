package dev.jackal.maven;

import dev.jackal.core.create.ImageArchive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Turns the package goal's {@code jibImages} into the core's {@link ImageArchive}s. A {@code path} is taken as it is
 * (relative to the package module). An {@code artifact} names a module of this reactor: its tar and digest are where
 * its Jib configuration writes them ({@code <outputPaths><tar>}, {@code <digest>}; by default
 * {@code target/jib-image.tar} and {@code target/jib-image.digest}), found through the session's projects, since
 * Jib does not attach the tar. The package module must depend on that module, so that Maven builds it first (also
 * with {@code -T}); a module that does not is refused with the {@code <dependency>} to add.
 */
final class JibImages {

    static final String JIB_GROUP = "com.google.cloud.tools";
    static final String JIB_PLUGIN = "jib-maven-plugin";
    static final String DEFAULT_TAR = "jib-image.tar";
    static final String DEFAULT_DIGEST = "jib-image.digest";

    private final RawConfiguration raw;
    private final MavenProject project;
    private final List<MavenProject> reactor;

    JibImages(RawConfiguration raw, MavenProject project, List<MavenProject> reactor) {
        this.raw = raw;
        this.project = project;
        this.reactor = reactor == null ? List.of() : reactor;
    }

    /**
     * The archives of {@code configured}, or of the {@value PropertyNames#JIB_IMAGES} property when it is set
     * (items separated by commas: {@code groupId:artifactId}, or a path, optionally {@code =DIGESTFILE}).
     */
    List<ImageArchive> resolve(List<JibImage> configured) {
        List<ImageArchive> archives = new ArrayList<>();
        Optional<RawConfiguration.Property> property = raw.property(PropertyNames.JIB_IMAGES);
        if (property.isPresent()) {
            for (String item : property.get().value().split(",")) {
                if (!item.isBlank()) {
                    archives.add(fromProperty(item.strip(), property.get()));
                }
            }
            return archives;
        }
        for (JibImage image : configured == null ? List.<JibImage>of() : configured) {
            archives.add(resolve(image));
        }
        return archives;
    }

    private ImageArchive fromProperty(String item, RawConfiguration.Property property) {
        JibImage image = new JibImage();
        if (item.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
            image.artifact = item;
        } else {
            int eq = item.indexOf('=');
            image.path = new File(eq < 0 ? item : item.substring(0, eq).strip());
            image.digestFile = eq < 0 ? null : new File(item.substring(eq + 1).strip());
            if (image.path.getPath().isEmpty()
                    || image.digestFile != null && image.digestFile.getPath().isEmpty()) {
                throw new IllegalArgumentException(
                        property.described() + " takes groupId:artifactId or PATH[=DIGESTFILE]"
                                + " items separated by commas, not '" + item + "'");
            }
        }
        return resolve(image);
    }

    private ImageArchive resolve(JibImage image) {
        boolean byArtifact = image.artifact != null && !image.artifact.isBlank();
        if (byArtifact == (image.path != null)) {
            throw new IllegalArgumentException("<jibImages><jibImage> " + image + " needs exactly one of"
                    + " <artifact>groupId:artifactId</artifact> (a module of this build) and <path> (its tar)");
        }
        Path digestFile = image.digestFile == null
                ? null
                : basedir().resolve(image.digestFile.getPath()).normalize();
        if (!byArtifact) {
            return new ImageArchive(basedir().resolve(image.path.getPath()).normalize(), digestFile);
        }
        MavenProject module = module(image.artifact.strip());
        Path tar = output(module, "tar", DEFAULT_TAR);
        if (!Files.isRegularFile(tar)) {
            throw new IllegalArgumentException("<jibImages><jibImage><artifact>" + image.artifact + "</artifact>: "
                    + tar + " does not exist: run jib:buildTar in " + module.getArtifactId() + " (bound to its package"
                    + " phase, with <container><format>OCI</format></container>) before this module is packaged");
        }
        return new ImageArchive(tar, digestFile != null ? digestFile : output(module, "digest", DEFAULT_DIGEST));
    }

    /** The reactor module {@code coordinates}, which this project must depend on. */
    private MavenProject module(String coordinates) {
        String[] parts = coordinates.split(":");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException(
                    "<jibImages><jibImage><artifact>" + coordinates + "</artifact> is not" + " groupId:artifactId");
        }
        MavenProject module = reactor.stream()
                .filter(p ->
                        p.getGroupId().equals(parts[0]) && p.getArtifactId().equals(parts[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("<jibImages><jibImage><artifact>" + coordinates
                        + "</artifact> is not a module of this build: build the package in the same reactor as the"
                        + " application (add -am when you select modules with -pl), or name its tar with <path>"));
        boolean declared = project.getDependencies().stream()
                .anyMatch(d ->
                        d.getGroupId().equals(parts[0]) && d.getArtifactId().equals(parts[1]));
        if (!declared) {
            throw new IllegalArgumentException("<jibImages><jibImage><artifact>" + coordinates + "</artifact>: "
                    + project.getArtifactId() + " does not depend on " + coordinates + ", so Maven may package it"
                    + " before the image is built: add <dependency><groupId>" + parts[0] + "</groupId><artifactId>"
                    + parts[1] + "</artifactId><version>" + module.getVersion() + "</version></dependency>");
        }
        return module;
    }

    /**
     * Where {@code module}'s Jib configuration writes {@code <outputPaths><name>} (an execution's first, then the
     * plugin's), else its default.
     */
    private static Path output(MavenProject module, String name, String defaultFile) {
        Path moduleDir = module.getBasedir().toPath();
        for (Plugin plugin : module.getBuildPlugins()) {
            if (!JIB_GROUP.equals(plugin.getGroupId()) || !JIB_PLUGIN.equals(plugin.getArtifactId())) {
                continue;
            }
            List<Object> configurations = new ArrayList<>();
            for (PluginExecution execution : plugin.getExecutions()) {
                configurations.add(execution.getConfiguration());
            }
            configurations.add(plugin.getConfiguration());
            for (Object configuration : configurations) {
                Optional<String> value = outputPath(configuration, name);
                if (value.isPresent()) {
                    return moduleDir.resolve(value.get()).normalize();
                }
            }
        }
        return moduleDir
                .resolve(module.getBuild().getDirectory())
                .resolve(defaultFile)
                .normalize();
    }

    private static Optional<String> outputPath(Object configuration, String name) {
        if (configuration instanceof Xpp3Dom dom && dom.getChild("outputPaths") != null) {
            Xpp3Dom value = dom.getChild("outputPaths").getChild(name);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return Optional.of(value.getValue().strip());
            }
        }
        return Optional.empty();
    }

    private Path basedir() {
        return project.getBasedir().toPath();
    }
}
