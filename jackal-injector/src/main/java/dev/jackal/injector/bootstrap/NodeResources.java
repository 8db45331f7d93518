package dev.jackal.injector.bootstrap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What a node has left for one more pod: allocatable minus the requests of the pods that still hold it. */
record NodeResources(BigDecimal cpu, BigDecimal memory) {

    static NodeResources free(Node node, List<Pod> podsOnNode) {
        Map<String, Quantity> allocatable =
                node.getStatus() == null ? null : node.getStatus().getAllocatable();
        BigDecimal cpu = amount(allocatable, "cpu");
        BigDecimal memory = amount(allocatable, "memory");
        for (Pod pod : podsOnNode) {
            if (holdsResources(pod)) {
                cpu = cpu.subtract(request(pod, "cpu"));
                memory = memory.subtract(request(pod, "memory"));
            }
        }
        return new NodeResources(cpu, memory);
    }

    boolean fits(Quantity cpuWanted, Quantity memoryWanted) {
        return cpu.compareTo(cpuWanted.getNumericalAmount()) >= 0
                && memory.compareTo(memoryWanted.getNumericalAmount()) >= 0;
    }

    /** e.g. {@code 0.3 CPU and 10485760 bytes of memory}. */
    String describe() {
        return cpu.stripTrailingZeros().toPlainString() + " CPU and "
                + memory.stripTrailingZeros().toPlainString() + " bytes of memory";
    }

    static boolean holdsResources(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** A pod's effective request: the larger of its containers' sum and its largest init container, plus overhead. */
    private static BigDecimal request(Pod pod, String resource) {
        if (pod.getSpec() == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : nullSafe(pod.getSpec().getContainers())) {
            sum = sum.add(containerRequest(c, resource));
        }
        for (Container c : nullSafe(pod.getSpec().getInitContainers())) {
            sum = sum.max(containerRequest(c, resource));
        }
        return sum.add(amount(pod.getSpec().getOverhead(), resource));
    }

    private static BigDecimal containerRequest(Container c, String resource) {
        return c.getResources() == null
                ? BigDecimal.ZERO
                : amount(c.getResources().getRequests(), resource);
    }

    private static BigDecimal amount(Map<String, Quantity> quantities, String resource) {
        if (quantities == null || quantities.get(resource) == null) {
            return BigDecimal.ZERO;
        }
        return quantities.get(resource).getNumericalAmount();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
