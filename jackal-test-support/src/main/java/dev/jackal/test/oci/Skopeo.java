package dev.jackal.test.oci;

import dev.jackal.test.Exec;
import dev.jackal.test.TestTools;
import dev.jackal.test.registry.OciRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code skopeo}: an OCI client independent of jackal, to push fixtures and check results. */
public final class Skopeo {

    private final Path binary;

    private Skopeo(Path binary) {
        this.binary = binary;
    }

    /** Finds skopeo or fails with the setup command. */
    public static Skopeo find() {
        return new Skopeo(TestTools.onPath("skopeo", "skopeo"));
    }

    /** {@code skopeo copy [flags] src dst}; fails with skopeo's message unless it succeeds. */
    public Exec.Result copy(String source, String destination, List<String> flags) {
        List<String> command = command("copy");
        command.addAll(flags);
        command.add(source);
        command.add(destination);
        return Exec.run(command).requireSuccess();
    }

    /** Copies {@code source} into {@code registry} as {@code docker://<registry>/<repositoryAndTag>}. */
    public Exec.Result copyTo(String source, OciRegistry registry, String repositoryAndTag, List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(registryFlags(registry, "dest-", true));
        return copy(source, "docker://" + registry.address() + "/" + repositoryAndTag, all);
    }

    /** Copies {@code docker://<registry>/<repositoryAndTag>} to {@code destination}. */
    public Exec.Result copyFrom(OciRegistry registry, String repositoryAndTag, String destination, List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(registryFlags(registry, "src-", true));
        return copy("docker://" + registry.address() + "/" + repositoryAndTag, destination, all);
    }

    /** {@code skopeo inspect --raw}: the manifest or index exactly as the registry serves it. */
    public String inspectRaw(OciRegistry registry, String repositoryAndRef) {
        return inspect(registry, repositoryAndRef, true, true).requireSuccess().stdout();
    }

    /** {@code skopeo inspect [--raw]}, with or without the registry's credentials; not checked for success. */
    public Exec.Result inspect(OciRegistry registry, String repositoryAndRef, boolean raw, boolean withCredentials) {
        List<String> command = command("inspect");
        if (raw) {
            command.add("--raw");
        }
        command.addAll(registryFlags(registry, "", withCredentials));
        command.add("docker://" + registry.address() + "/" + repositoryAndRef);
        return Exec.run(command);
    }

    /** {@code skopeo inspect} of any transport reference, e.g. {@code oci:dir:tag}. */
    public Exec.Result inspect(String reference, List<String> flags) {
        List<String> command = command("inspect");
        command.addAll(flags);
        command.add(reference);
        return Exec.run(command);
    }

    /** {@code skopeo list-tags}. */
    public String listTags(OciRegistry registry, String repository) {
        List<String> command = command("list-tags");
        command.addAll(registryFlags(registry, "", true));
        command.add("docker://" + registry.address() + "/" + repository);
        return Exec.run(command).requireSuccess().stdout();
    }

    /**
     * The flags that reach {@code registry}: {@code --<prefix>creds}, {@code --<prefix>tls-verify=false} for plain
     * HTTP, {@code --<prefix>cert-dir} for TLS.
     */
    public static List<String> registryFlags(OciRegistry registry, String prefix, boolean withCredentials) {
        List<String> flags = new ArrayList<>();
        if (registry.tls()) {
            flags.add("--" + prefix + "cert-dir=" + registry.certDir().orElseThrow());
        } else {
            flags.add("--" + prefix + "tls-verify=false");
        }
        if (withCredentials && registry.username().isPresent()) {
            flags.add("--" + prefix + "creds=" + registry.username().get() + ":"
                    + registry.password().orElseThrow());
        } else {
            flags.add("--" + prefix + "no-creds");
        }
        return flags;
    }

    private List<String> command(String verb) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--insecure-policy");
        command.add(verb);
        return command;
    }
}
