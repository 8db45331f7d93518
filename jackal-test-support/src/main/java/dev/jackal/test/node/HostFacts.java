package dev.jackal.test.node;

import dev.jackal.test.TestServiceException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the node needs to know about this machine, read from {@code /proc}: root, the node IP, sysctls. */
final class HostFacts {

    /**
     * The kernel settings kubelet, kube-proxy and the bridge plugin change (kubelet at every start:
     * {@code kernel.panic}, {@code kernel.panic_on_oops}, {@code vm.overcommit_memory}; the others
     * forwarding and {@code route_localnet}); recorded before the node starts and put back after.
     */
    static final List<String> SYSCTLS = List.of(
            "vm.overcommit_memory",
            "vm.panic_on_oom",
            "kernel.panic",
            "kernel.panic_on_oops",
            "kernel.keys.root_maxkeys",
            "kernel.keys.root_maxbytes",
            "net.ipv4.ip_forward",
            "net.ipv4.conf.all.forwarding",
            "net.ipv4.conf.default.forwarding",
            "net.ipv4.conf.all.route_localnet",
            "net.ipv4.conf.default.route_localnet",
            "net.ipv6.conf.all.forwarding",
            "net.ipv6.conf.default.forwarding");

    private HostFacts() {}

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The IPv4 address of the interface the default route uses: kubelet refuses a loopback node IP, and the
     * apiserver advertises this address so that pods reach it.
     */
    static String nodeIp() {
        String device = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 7 && fields[1].equals("00000000") && fields[7].equals("00000000")) {
                    device = fields[0];
                    break;
                }
            }
            NetworkInterface nic = device == null ? null : NetworkInterface.getByName(device);
            if (nic != null) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot read the routing table: " + e.getMessage(), e);
        }
        throw new TestServiceException(
                RealNode.SERVICE,
                "no IPv4 address on the default route's interface (" + device
                        + "); kubelet needs a non-loopback node IP");
    }

    /** The current values of {@code keys}; keys this kernel lacks are left out. */
    static Map<String, String> readSysctls(List<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            Path file = sysctlFile(key);
            try {
                if (Files.isReadable(file)) {
                    values.put(key, Files.readString(file).strip());
                }
            } catch (IOException e) {
                // not readable here: not recorded, not restored
            }
        }
        return values;
    }

    /** Writes every value that differs from the current one; returns the keys it could not write. */
    static List<String> writeSysctls(Map<String, String> values) {
        List<String> failed = new java.util.ArrayList<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Path file = sysctlFile(entry.getKey());
            try {
                if (!Files.readString(file).strip().equals(entry.getValue())) {
                    Files.writeString(file, entry.getValue() + "\n");
                }
            } catch (IOException e) {
                failed.add(entry.getKey());
            }
        }
        return failed;
    }

    private static Path sysctlFile(String key) {
        return Path.of("/proc/sys", key.replace('.', '/'));
    }

    static boolean hasNetworkDevice(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }
}
