package dev.jackal.cluster;

import dev.jackal.cluster.agent.AgentServer;
import dev.jackal.cluster.agent.AgentState;
import dev.jackal.cluster.agent.PemKeys;
import dev.jackal.core.event.EventHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The agent, the cluster's mutating admission webhook (spec §9), as front ends start it: {@code jackal internal
 * agent} calls {@link #start} and {@link #awaitStop}. It needs no kubeconfig: everything it knows comes from the
 * mounted state secret and TLS secret.
 */
public final class Agent implements AutoCloseable {

    /** Worker threads: admission requests are small and answered from memory. */
    static final int THREADS = 8;
    /** The largest AdmissionReview accepted; the API server's own request limit is 3 MiB. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final AgentServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Agent(AgentServer server) {
        this.server = server;
    }

    /**
     * Reads the TLS identity and the state once (so a missing mount fails at once, with the path) and starts
     * serving.
     *
     * @throws dev.jackal.core.JackalException when a file is missing or unusable, or the port is taken
     */
    public static Agent start(AgentSettings settings, EventHandler events) {
        var tls = PemKeys.serverContext(
                settings.certDir().resolve("tls.crt"), settings.certDir().resolve("tls.key"));
        AgentState.read(settings.stateFile());
        AgentServer server = AgentServer.start(
                new AgentServer.Settings(
                        new InetSocketAddress(settings.bindAddress(), settings.port()),
                        tls,
                        () -> AgentState.read(settings.stateFile()),
                        THREADS,
                        MAX_BODY_BYTES),
                events);
        return new Agent(server);
    }

    /** The port the agent listens on. */
    public int port() {
        return server.port();
    }

    /** Blocks until {@link #close()} is called (from a shutdown hook on SIGTERM). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() > 0) {
            server.close();
            stopped.countDown();
        }
    }
}
