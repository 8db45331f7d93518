package dev.jackal.cluster.init;

/**
 * The running injector: kubelet on every node pulls the seed images from {@link #address()}
 * ({@code 127.0.0.1:<nodePort>}, spec §7.5 step 8).
 *
 * @param image the candidate image the injector runs from
 * @param nodeName the node it runs on
 */
public record SeedRegistry(String address, int nodePort, String image, String nodeName) {

    static SeedRegistry on(int nodePort, String image, String nodeName) {
        return new SeedRegistry("127.0.0.1:" + nodePort, nodePort, image, nodeName);
    }
}
