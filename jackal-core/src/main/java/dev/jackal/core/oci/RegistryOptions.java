package dev.jackal.core.oci;

import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TransferBounds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to talk to one registry: plain HTTP or HTTPS, whether to verify its certificate, an extra CA to trust, how
 * often to retry transient failures (5xx and I/O errors, timeouts included; never 4xx) with exponential back-off, and
 * the {@link TransferBounds} of every request, and the {@link HttpProxy} requests go through. Without plain HTTP,
 * a loopback registry ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) that does not speak TLS is reached over
 * plain HTTP; no other registry is, unless {@link #withPlainHttpFallback} allows it.
 */
public final class RegistryOptions {

    private static final RegistryOptions DEFAULTS = new RegistryOptions(
            false,
            false,
            false,
            3,
            null,
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            TransferBounds.defaults(),
            null);

    private final boolean plainHttp;
    private final boolean plainHttpFallback;
    private final boolean insecureSkipTlsVerify;
    private final int retries;
    private final Path caCertificate;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final TransferBounds bounds;
    private final HttpProxy proxy;

    private RegistryOptions(
            boolean plainHttp,
            boolean plainHttpFallback,
            boolean insecureSkipTlsVerify,
            int retries,
            Path caCertificate,
            Duration initialBackoff,
            Duration maxBackoff,
            TransferBounds bounds,
            HttpProxy proxy) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, not " + retries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("back-off must be >= 0 and max >= initial");
        }
        this.plainHttp = plainHttp;
        this.plainHttpFallback = plainHttpFallback;
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
        this.retries = retries;
        this.caCertificate = caCertificate;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.proxy = proxy;
    }

    /**
     * HTTPS with certificate verification against the JDK's trust store, 3 retries, back-off 0.5 s up to 8 s,
     * {@link TransferBounds#defaults()}.
     */
    public static RegistryOptions defaults() {
        return DEFAULTS;
    }

    public RegistryOptions withPlainHttp(boolean value) {
        return with(d -> d.plainHttp = value);
    }

    /**
     * Try TLS first and fall back to plain HTTP when the registry does not speak it, for any host (as crane's {@code
     * --insecure}); loopback registries always do.
     */
    public RegistryOptions withPlainHttpFallback(boolean fallback) {
        return with(d -> d.plainHttpFallback = fallback);
    }

    /** Accept any certificate and host name (as {@code --insecure-skip-tls-verify}). */
    public RegistryOptions withInsecureSkipTlsVerify(boolean skip) {
        return with(d -> d.insecureSkipTlsVerify = skip);
    }

    public RegistryOptions withRetries(int value) {
        return with(d -> d.retries = value);
    }

    /** Trust the CA certificate(s) in this PEM file (instead of the JDK's trust store) for this registry. */
    public RegistryOptions withCaCertificate(Path pemFile) {
        Objects.requireNonNull(pemFile);
        return with(d -> d.caCertificate = pemFile);
    }

    public RegistryOptions withBackoff(Duration initial, Duration max) {
        return with(d -> {
            d.initialBackoff = initial;
            d.maxBackoff = max;
        });
    }

    /** Timeouts and the minimum rate of every request. */
    public RegistryOptions withBounds(TransferBounds value) {
        return with(d -> d.bounds = value);
    }

    /**
     * Send every request (token requests and redirected blob downloads included) through {@code proxy}, except to
     * the hosts of its {@link HttpProxy#nonProxyHosts}; null for direct connections (the default).
     */
    public RegistryOptions withProxy(HttpProxy value) {
        return with(d -> d.proxy = value);
    }

    /** A copy with {@code change} applied; the constructor checks the result. */
    private RegistryOptions with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new RegistryOptions(
                draft.plainHttp,
                draft.plainHttpFallback,
                draft.insecureSkipTlsVerify,
                draft.retries,
                draft.caCertificate,
                draft.initialBackoff,
                draft.maxBackoff,
                draft.bounds,
                draft.proxy);
    }

    /** The fields of a copy being made, so that each wither names only what it changes. */
    private static final class Draft {
        boolean plainHttp;
        boolean plainHttpFallback;
        boolean insecureSkipTlsVerify;
        int retries;
        Path caCertificate;
        Duration initialBackoff;
        Duration maxBackoff;
        TransferBounds bounds;
        HttpProxy proxy;

        Draft(RegistryOptions from) {
            plainHttp = from.plainHttp;
            plainHttpFallback = from.plainHttpFallback;
            insecureSkipTlsVerify = from.insecureSkipTlsVerify;
            retries = from.retries;
            caCertificate = from.caCertificate;
            initialBackoff = from.initialBackoff;
            maxBackoff = from.maxBackoff;
            bounds = from.bounds;
            proxy = from.proxy;
        }
    }

    public boolean plainHttp() {
        return plainHttp;
    }

    /** Whether a registry that does not speak TLS is reached over plain HTTP, whatever its host. */
    public boolean plainHttpFallback() {
        return plainHttpFallback;
    }

    public boolean insecureSkipTlsVerify() {
        return insecureSkipTlsVerify;
    }

    public int retries() {
        return retries;
    }

    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    public TransferBounds bounds() {
        return bounds;
    }

    /** The HTTP proxy that requests go through, if any. */
    public Optional<HttpProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The pause before retry number {@code attempt} (0-based): initial × 2^attempt, at most the maximum. */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryOptions o
                && o.plainHttp == plainHttp
                && o.plainHttpFallback == plainHttpFallback
                && o.insecureSkipTlsVerify == insecureSkipTlsVerify
                && o.retries == retries
                && Objects.equals(o.caCertificate, caCertificate)
                && o.initialBackoff.equals(initialBackoff)
                && o.maxBackoff.equals(maxBackoff)
                && o.bounds.equals(bounds)
                && Objects.equals(o.proxy, proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                plainHttp,
                plainHttpFallback,
                insecureSkipTlsVerify,
                retries,
                caCertificate,
                initialBackoff,
                maxBackoff,
                bounds,
                proxy);
    }

    @Override
    public String toString() {
        return "RegistryOptions[plainHttp=" + plainHttp + ", plainHttpFallback=" + plainHttpFallback
                + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify
                + ", retries=" + retries + ", caCertificate=" + caCertificate + ", bounds=" + bounds
                + (proxy == null ? "" : ", proxy=" + proxy) + "]";
    }
}
