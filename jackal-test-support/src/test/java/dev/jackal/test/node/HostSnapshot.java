package dev.jackal.test.node;

import dev.jackal.test.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a node could change on the host, read independently of the node's own record: kernel settings (a wider
 * set than the node restores), network links, iptables chains of every table, kubelet's cgroups. Registered
 * before {@link RealNodeExtension}, it takes its picture before the node starts.
 */
final class HostSnapshot implements BeforeAllCallback {

    /** Kernel settings, by path under /proc/sys. */
    final Map<String, String> sysctls = new TreeMap<>();
    /** Network links. */
    final TreeSet<String> links = new TreeSet<>();
    /** iptables and ip6tables chains, as "iptables:nat:KUBE-SERVICES". */
    final TreeSet<String> chains = new TreeSet<>();
    /** The host directories a node may create, those that exist. */
    final List<String> hostDirs = new ArrayList<>();
    /** /sys/fs/cgroup/{@literal *}/kubepods that exist. */
    final List<String> kubepods = new ArrayList<>();

    static HostSnapshot take() {
        HostSnapshot snapshot = new HostSnapshot();
        snapshot.fill();
        return snapshot;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fill();
    }

    private void fill() {
        sysctls.clear();
        links.clear();
        chains.clear();
        kubepods.clear();
        hostDirs.clear();
        HostRestore.HOST_DIRS.stream().filter(d -> Files.exists(Path.of(d))).forEach(hostDirs::add);
        for (String dir : List.of(
                "net/ipv4",
                "net/ipv4/conf/all",
                "net/ipv4/conf/default",
                "net/ipv6/conf/all",
                "net/ipv6/conf/default",
                "kernel/keys")) {
            readFiles(Path.of("/proc/sys", dir));
        }
        for (String file : List.of("kernel/panic", "kernel/panic_on_oops", "vm/overcommit_memory", "vm/panic_on_oom")) {
            read(Path.of("/proc/sys", file));
        }
        try (Stream<Path> nics = Files.list(Path.of("/sys/class/net"))) {
            nics.forEach(n -> links.add(n.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String save : List.of("iptables-save", "ip6tables-save")) {
            String table = "";
            for (String line :
                    Exec.run(List.of(save)).requireSuccess().stdout().lines().toList()) {
                if (line.startsWith("*")) {
                    table = line.substring(1);
                } else if (line.startsWith(":")) {
                    chains.add(save.replace("-save", "") + ":" + table + ":"
                            + line.substring(1).split(" ")[0]);
                }
            }
        }
        HostRestore.kubepodsCgroups().forEach(p -> kubepods.add(p.toString()));
    }

    private void readFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(this::read);
        } catch (IOException e) {
            // not on this kernel
        }
    }

    private void read(Path file) {
        try {
            if (Files.isReadable(file)) {
                sysctls.put(file.toString(), Files.readString(file).strip());
            }
        } catch (IOException e) {
            // write-only or refused
        }
    }
}
