package dev.jackal.bench;

import dev.jackal.test.node.RealNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds a real node (jackal-test-support's {@link RealNode}: containerd, kubelet and kube-proxy next to the Go-built
 * control plane) for {@code push.sh}'s node mode (not part of the build or CI). Starts the node, writes
 * {@code KUBECONFIG=…} and {@code KUBECTL=…} lines to the given file, then waits until its standard input ends and
 * stops the node, putting the host back.
 *
 * <pre>
 *   NodeBench &lt;envFile&gt;
 * </pre>
 */
public final class NodeBench {

    private NodeBench() {}

    public static void main(String[] args) throws IOException {
        Path env = Path.of(args[0]);
        try (RealNode node = RealNode.start()) {
            Files.write(env, List.of("KUBECONFIG=" + node.kubeconfig(), "KUBECTL=" + node.kubectl()));
            System.err.println("node up: " + node.startTimings().get("total"));
            InputStream in = System.in;
            while (in.read() >= 0) {
                // the script holds our standard input open while it measures
            }
            System.err.println("stopping the node");
        }
    }
}
