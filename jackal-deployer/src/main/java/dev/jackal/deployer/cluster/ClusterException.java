package dev.jackal.deployer.cluster;

/** The cluster refused or could not be reached; the message says which object and what to check. */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
