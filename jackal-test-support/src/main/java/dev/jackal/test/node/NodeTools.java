package dev.jackal.test.node;

import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The programs the node runs: Debian's containerd, runc, CNI plugins, iptables, nftables, iproute2,
 * busybox-static and gcc, plus kubelet, kube-proxy and kubectl built by the setup script. Missing ones fail the start with one
 * line that names them all and the setup command.
 */
record NodeTools(
        Path containerd,
        Path ctr,
        Path kubelet,
        Path kubeProxy,
        Path kubectl,
        Path iptablesSave,
        Path ip6tablesSave,
        Path iptables,
        Path ip6tables,
        Path ip,
        Path umount,
        Path rm,
        Path nft,
        Path gcc) {

    /** Where Debian's containernetworking-plugins puts the CNI plugins. */
    static final Path CNI_BIN_DIR = Path.of("/usr/lib/cni");

    static NodeTools find() {
        return find(TestTools::findOnPath, TestTools.cacheDir().resolve("bin"), Path.of("/"));
    }

    /**
     * @param onPath finds a program on the PATH
     * @param cacheBin where build-kube.sh puts kubelet, kube-proxy and kubectl
     * @param root the file system root the Debian files are looked for under
     */
    static NodeTools find(Function<String, Optional<Path>> onPath, Path cacheBin, Path root) {
        List<String> missing = new ArrayList<>();
        Finder find = new Finder(missing, onPath, cacheBin);
        NodeTools tools = new NodeTools(
                find.debian("containerd", "containerd"),
                find.debian("ctr", "containerd"),
                find.cached("kubelet"),
                find.cached("kube-proxy"),
                find.cached("kubectl"),
                find.debian("iptables-save", "iptables"),
                find.debian("ip6tables-save", "iptables"),
                find.debian("iptables", "iptables"),
                find.debian("ip6tables", "iptables"),
                find.debian("ip", "iproute2"),
                find.debian("umount", "mount"),
                find.debian("rm", "coreutils"),
                find.debian("nft", "nftables"),
                find.debian("gcc", "gcc"));
        find.debian("containerd-shim-runc-v2", "containerd");
        find.debian("runc", "runc");
        find.debian("setsid", "util-linux");
        for (String plugin : List.of("bridge", "host-local", "portmap", "loopback")) {
            if (!Files.isExecutable(under(root, CNI_BIN_DIR.resolve(plugin)))) {
                missing.add(CNI_BIN_DIR.resolve(plugin) + " (containernetworking-plugins)");
            }
        }
        if (!Files.isRegularFile(root.resolve("usr/lib/x86_64-linux-gnu/libc.a"))
                && !Files.isRegularFile(root.resolve("usr/lib/libc.a"))) {
            missing.add("libc.a (libc6-dev, for the static pause program)");
        }
        if (!Files.isRegularFile(root.resolve("bin/busybox"))) {
            missing.add("/bin/busybox (busybox-static)");
        }
        if (!missing.isEmpty()) {
            throw new TestServiceException(
                    RealNode.SERVICE, "missing " + String.join(", ", missing) + "; run " + TestTools.SETUP_COMMAND);
        }
        return tools;
    }

    private static Path under(Path root, Path absolute) {
        return root.resolve(absolute.toString().substring(1));
    }

    private record Finder(List<String> missing, Function<String, Optional<Path>> onPath, Path cacheBin) {

        Path debian(String program, String debianPackage) {
            Optional<Path> found = onPath.apply(program);
            if (found.isEmpty()) {
                missing.add(program + " (" + debianPackage + ")");
            }
            return found.orElse(null);
        }

        Path cached(String program) {
            Path binary = cacheBin.resolve(program);
            if (!Files.isExecutable(binary)) {
                missing.add(binary + " (built by setup/build-kube.sh)");
            }
            return binary;
        }
    }
}
