package dev.jackal.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Undo {@code init} ({@code jackal destroy --confirm}).
 *
 * @param removeComponents also uninstall jackal's releases outside the {@code jackal} namespace
 *     ({@code --remove-components})
 * @param timeout how long to wait for the {@code jackal} namespace to be gone
 */
public record DestroyRequest(boolean removeComponents, Duration timeout) {
    public DestroyRequest {
        Objects.requireNonNull(timeout, "timeout");
    }
}
