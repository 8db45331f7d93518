package dev.jackal.test;

/**
 * A real test service could not be started or used. Thrown from fixtures so that the test fails (never
 * skips) with a message that says what to do.
 */
public final class TestServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;

    public TestServiceException(String service, String message) {
        super(service + ": " + message);
        this.service = service;
    }

    public TestServiceException(String service, String message, Throwable cause) {
        super(service + ": " + message, cause);
        this.service = service;
    }

    /** The service that failed, e.g. {@code registry}. */
    public String service() {
        return service;
    }
}
