package dev.jackal.initpackage;

import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.oci.Platform;
import dev.jackal.core.oci.image.BuiltImage;
import dev.jackal.core.oci.image.ImageBuilder;
import dev.jackal.core.oci.image.ImageConfig;
import dev.jackal.core.oci.image.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two images of the init package, built from files here ({@code FROM scratch}): the distribution registry
 * (its static binary, its config, a nonroot user) and the agent (a jlinked Java runtime with the host libraries it
 * loads, and the shaded deployer jar).
 */
final class InitImages {

    static final int NONROOT = 65532;
    static final String NONROOT_USER = NONROOT + ":" + NONROOT;
    static final String AGENT_JAR = "/jackal/jackal-deployer.jar";
    static final String AGENT_JAVA_HOME = "/jackal/jre";

    private final Path imageFiles;
    private final Instant created;

    /** {@code imageFiles} holds {@code passwd}, {@code group} and {@code registry-config.yml}. */
    InitImages(Path imageFiles, Instant created) {
        this.imageFiles = imageFiles;
        this.created = created;
    }

    BuiltImage registry(Path binary, ImageReference reference, String version, OciLayout layout) {
        List<LayerEntry> layer = new ArrayList<>(base());
        layer.add(LayerEntry.file(binary, "/bin/registry", 0755));
        layer.add(LayerEntry.file(imageFiles.resolve("registry-config.yml"), "/etc/docker/registry/config.yml", 0644));
        layer.add(LayerEntry.directory("/var/lib/registry", 0755).withOwner(NONROOT, NONROOT));
        return ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(layer)
                .config(ImageConfig.builder()
                        .entrypoint("/bin/registry")
                        .cmd("serve", "/etc/docker/registry/config.yml")
                        .user(NONROOT_USER)
                        .exposedPort("5000/tcp")
                        .label("org.opencontainers.image.title", "registry")
                        .label("org.opencontainers.image.version", version)
                        .label(
                                "org.opencontainers.image.description",
                                "The distribution registry built as a static binary from its Go module")
                        .build())
                .created(created)
                .build(layout, reference);
    }

    /**
     * The agent: layer 1 is the runtime and the host libraries it loads (changes with the JDK), layer 2 the jar
     * (changes with every build of jackal).
     */
    BuiltImage agent(
            Path runtime, Set<String> hostLibraries, Path deployerJar, ImageReference reference, OciLayout layout)
            throws IOException {
        List<LayerEntry> base = new ArrayList<>(base());
        // no DNS for the JVM's reverse lookups of clients (see the file)
        base.add(LayerEntry.file(imageFiles.resolve("nsswitch.conf"), "/etc/nsswitch.conf", 0644));
        for (Path file : AgentRuntime.files(runtime)) {
            String target =
                    AGENT_JAVA_HOME + "/" + runtime.relativize(file).toString().replace('\\', '/');
            if (Files.isSymbolicLink(file)) {
                base.add(LayerEntry.symlink(target, Files.readSymbolicLink(file).toString()));
            } else if (Files.isDirectory(file)) {
                base.add(LayerEntry.directory(target, 0755));
            } else {
                base.add(LayerEntry.file(file, target, executable(file) ? 0755 : 0644));
            }
        }
        for (String library : hostLibraries) {
            // the file itself, wherever the host's path leads through symbolic links
            base.add(LayerEntry.file(Path.of(library).toRealPath(), library, 0755));
        }
        return ImageBuilder.forPlatform(Platform.linux("amd64"))
                .layer(base)
                .layer(List.of(LayerEntry.file(deployerJar, AGENT_JAR, 0644)))
                .config(ImageConfig.builder()
                        .entrypoint(AGENT_JAVA_HOME + "/bin/java", "-XX:+UseSerialGC", "-jar", AGENT_JAR)
                        .cmd("internal", "agent")
                        .env("JAVA_HOME", AGENT_JAVA_HOME)
                        .env("PATH", AGENT_JAVA_HOME + "/bin:/usr/bin:/bin")
                        .user(NONROOT_USER)
                        .workingDir("/jackal")
                        .exposedPort("8443/tcp")
                        .label("org.opencontainers.image.title", "jackal-agent")
                        .label(
                                "org.opencontainers.image.version",
                                reference.tag().orElse(""))
                        .build())
                .created(created)
                .build(layout, reference);
    }

    /** What both images have: users, groups and a writable {@code /tmp}. */
    private List<LayerEntry> base() {
        return List.of(
                LayerEntry.file(imageFiles.resolve("passwd"), "/etc/passwd", 0644),
                LayerEntry.file(imageFiles.resolve("group"), "/etc/group", 0644),
                LayerEntry.directory("/tmp", 01777),
                LayerEntry.directory("/home/nonroot", 0750).withOwner(NONROOT, NONROOT));
    }

    private static boolean executable(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
