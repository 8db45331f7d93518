package dev.jackal.cluster.push;

import dev.jackal.core.JackalException;

/**
 * Images could not reach the cluster's registry: its state is unusable, its service has no ready pod, or it refused
 * the push; the message names the registry or object and what to check, never a password.
 */
public final class PushException extends JackalException {
    private static final long serialVersionUID = 1L;

    public PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
