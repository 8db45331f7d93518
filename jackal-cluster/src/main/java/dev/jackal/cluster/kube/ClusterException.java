package dev.jackal.cluster.kube;

import dev.jackal.core.JackalException;

/** The cluster refused or could not be reached; the message says which object and what to check. */
public final class ClusterException extends JackalException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
