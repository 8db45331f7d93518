package dev.jackal.test.node;

import dev.jackal.test.Exec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts the host back as it was before a node started: stops the recorded processes (newest first; pod
 * containers through containerd before containerd itself), kills what is left in kubelet's cgroups and the
 * node's shims, unmounts everything under the runtime directory, removes kube-proxy's and kubelet's iptables
 * chains and tables ({@link Netfilter}), the node's bridges and cgroups, and writes back the recorded sysctls. Every step runs even when an
 * earlier one fails; what could not be undone is returned.
 */
final class HostRestore {

    /** The pod bridge (CNI) and the empty bridge the service CIDR is routed to. */
    static final List<String> BRIDGES = List.of("rn-cni0", "rn-svc0");
    /** The CNI network's name: libcni caches results as {@code /var/lib/cni/results/<name>-…}. */
    static final String CNI_NETWORK = "jackal-realnode";

    /**
     * Host directories containerd, kubelet and libcni create whatever they are configured with (shim sockets,
     * device-plugin socket, CNI result cache, container log links); removed when the node made them.
     */
    static final List<String> HOST_DIRS =
            List.of("/run/containerd", "/var/lib/cni", "/var/lib/kubelet", "/var/log/containers", "/var/log/pods");

    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Path CNI_RESULTS = Path.of("/var/lib/cni/results");
    private static final Path CONTAINER_LOG_LINKS = Path.of("/var/log/containers");

    private final NodeTools tools;
    private final List<String> problems = new ArrayList<>();

    private HostRestore(NodeTools tools) {
        this.tools = tools;
    }

    /** Undoes what {@code record} lists plus the node's host-wide traces; returns what could not be undone. */
    static List<String> restore(NodeTools tools, RunRecord record) {
        HostRestore restore = new HostRestore(tools);
        restore.run(record);
        return restore.problems;
    }

    /** Whether the host shows traces of a node: its bridges or kubelet's cgroups. */
    static boolean tracesPresent() {
        return BRIDGES.stream().anyMatch(HostFacts::hasNetworkDevice)
                || !kubepodsCgroups().isEmpty();
    }

    private void run(RunRecord record) {
        Path runtime = record.runtimeDir();
        for (RunRecord.Started started : record.processesNewestFirst()) {
            if (started.name().equals("containerd") && runtime != null) {
                started.ifStillOurs()
                        .ifPresent(p -> new Ctr(tools.ctr(), runtime.resolve("containerd.sock")).killAllTasks());
            }
            started.ifStillOurs().ifPresent(p -> stop(started.name(), p));
        }
        killCgroupMembers();
        if (runtime != null) {
            killShimsOf(runtime);
            unmountUnder(runtime);
        }
        Exec.run(List.of(tools.kubeProxy().toString(), "--cleanup"));
        Netfilter netfilter = new Netfilter(tools, problems);
        netfilter.removeKubeletChains(tools.iptablesSave(), tools.iptables());
        netfilter.removeKubeletChains(tools.ip6tablesSave(), tools.ip6tables());
        for (String bridge : BRIDGES) {
            if (HostFacts.hasNetworkDevice(bridge)
                    && Exec.run(List.of(tools.ip().toString(), "link", "del", bridge))
                                    .exitCode()
                            != 0) {
                problems.add("cannot delete link " + bridge);
            }
        }
        removeKubepodsCgroups();
        List<String> sysctls = HostFacts.writeSysctls(record.sysctls());
        if (!sysctls.isEmpty()) {
            problems.add("cannot restore sysctls " + sysctls);
        }
        if (runtime != null) {
            removeLinksInto(CONTAINER_LOG_LINKS, runtime);
            deleteRuntimeDir(runtime);
        }
        removeCniResults(runtime);
        removeCreatedDirs(record.absentPaths());
        if (record.tables() != null) {
            netfilter.removeCreatedTables(record.tables());
        }
        if (problems.isEmpty()) {
            record.delete();
        }
    }

    /** SIGTERM, then SIGKILL after 10 s; an exited process that is not reaped yet (a zombie) counts as stopped. */
    private void stop(String name, ProcessHandle process) {
        process.destroy();
        if (!awaitGone(List.of(process.pid()), Duration.ofSeconds(10))) {
            process.destroyForcibly();
            if (!awaitGone(List.of(process.pid()), Duration.ofSeconds(5))) {
                problems.add(name + " (pid " + process.pid() + ") did not stop");
            }
        }
    }

    /** Pod processes still in kubelet's cgroups (containerd gone, or a crashed run): SIGKILL. */
    private void killCgroupMembers() {
        Set<Long> pids = new HashSet<>();
        for (Path cgroup : kubepodsCgroups()) {
            try (Stream<Path> tree = Files.walk(cgroup)) {
                tree.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
                        .forEach(procs -> pids.addAll(readPids(procs)));
            } catch (IOException | java.io.UncheckedIOException e) {
                // the tree went away meanwhile
            }
        }
        pids.remove(ProcessHandle.current().pid());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (!awaitGone(pids, Duration.ofSeconds(10))) {
            problems.add("pod processes survived SIGKILL: " + pids);
        }
    }

    /** containerd's shims outlive it; ours name the node's socket on their command line. */
    private void killShimsOf(Path runtime) {
        String socket = runtime.resolve("containerd.sock").toString();
        List<Long> shims = ProcessHandle.allProcesses()
                .filter(p -> commandLine(p.pid()).contains("containerd-shim"))
                .filter(p -> commandLine(p.pid()).contains(socket))
                .map(ProcessHandle::pid)
                .toList();
        shims.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (!awaitGone(shims, Duration.ofSeconds(5))) {
            problems.add("shims survived SIGKILL: " + shims);
        }
    }

    private void unmountUnder(Path dir) {
        List<String> mounts = mountsUnder(dir);
        if (!mounts.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(tools.umount().toString(), "-l"));
            command.addAll(mounts);
            Exec.run(command);
        }
        List<String> left = mountsUnder(dir);
        if (!left.isEmpty()) {
            problems.add("still mounted: " + left);
        }
    }

    /** Mount points at or under {@code dir}, deepest first. */
    static List<String> mountsUnder(Path dir) {
        String prefix = dir.toString();
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                String point = fields.length > 4 ? unescape(fields[4]) : "";
                if (point.equals(prefix) || point.startsWith(prefix + "/")) {
                    mounts.add(point);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        return mounts;
    }

    /** Host directories that {@link #HOST_DIRS} lists and that do not exist now. */
    static List<String> absentHostDirs() {
        return HOST_DIRS.stream().filter(d -> !Files.exists(Path.of(d))).toList();
    }

    private void removeCreatedDirs(List<String> absentBefore) {
        for (String dir : absentBefore) {
            if (Files.exists(Path.of(dir))
                    && Exec.run(List.of(tools.rm().toString(), "-rf", "--one-file-system", dir))
                                    .exitCode()
                            != 0) {
                problems.add("cannot delete " + dir);
            }
        }
    }

    static List<Path> kubepodsCgroups() {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
            hierarchies
                    .map(h -> h.resolve("kubepods"))
                    .filter(Files::isDirectory)
                    .forEach(found::add);
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    /** cgroup directories can only be removed empty and leaf first; a just-killed process may linger briefly. */
    private void removeKubepodsCgroups() {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Path> left = kubepodsCgroups();
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            for (Path cgroup : left) {
                try (Stream<Path> tree = Files.walk(cgroup)) {
                    tree.filter(Files::isDirectory)
                            .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                            .forEach(dir -> dir.toFile().delete());
                } catch (IOException | java.io.UncheckedIOException e) {
                    // retried below
                }
            }
            left = kubepodsCgroups();
            if (!left.isEmpty()) {
                sleep(Duration.ofMillis(200));
            }
        }
        if (!left.isEmpty()) {
            problems.add("cannot remove cgroups " + left);
        }
    }

    private static void removeLinksInto(Path dir, Path target) {
        try (Stream<Path> links = Files.list(dir)) {
            links.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    if (Files.readSymbolicLink(link).startsWith(target)) {
                        Files.delete(link);
                    }
                } catch (IOException e) {
                    // someone else's
                }
            });
        } catch (IOException e) {
            // no such directory
        }
    }

    /** libcni's result cache: our network's entries, and containerd's loopback entries for our network namespaces. */
    private static void removeCniResults(Path runtime) {
        try (Stream<Path> results = Files.list(CNI_RESULTS)) {
            results.filter(f -> f.getFileName().toString().startsWith(CNI_NETWORK + "-")
                            || (runtime != null && contains(f, runtime.toString())))
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // no cache
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.size(file) < 1 << 20 && Files.readString(file).contains(text);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private void deleteRuntimeDir(Path runtime) {
        if (!Files.exists(runtime) || !mountsUnder(runtime).isEmpty()) {
            return;
        }
        if (Exec.run(List.of(tools.rm().toString(), "-rf", "--one-file-system", runtime.toString()))
                        .exitCode()
                != 0) {
            problems.add("cannot delete " + runtime);
        }
    }

    private static boolean awaitGone(java.util.Collection<Long> pids, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (pids.stream().anyMatch(HostRestore::running)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            sleep(Duration.ofMillis(50));
        }
        return true;
    }

    /** Alive and not a zombie: an orphan is reaped by PID 1 only every few seconds. */
    static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            String afterName = text.substring(text.lastIndexOf(')') + 2);
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Long> readPids(Path procs) {
        try {
            return Files.readAllLines(procs).stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(Long::valueOf)
                    .toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
