package dev.jackal.core.wait;

import java.time.Duration;

/** Waits for objects in a cluster; the deployer implements it, the core only calls it. */
@FunctionalInterface
public interface ClusterWaiter {

    /** For runs without a cluster: every cluster wait fails and says why. */
    ClusterWaiter NONE = (target, timeout) -> {
        throw new WaitException("cannot wait for " + target.describe() + ": there is no cluster here");
    };

    /**
     * Returns once {@code target} meets its condition.
     *
     * @throws WaitTimeoutException when {@code timeout} passes first, naming the object and the condition
     * @throws WaitException when the wait cannot be done at all
     */
    void await(ClusterTarget target, Duration timeout);
}
