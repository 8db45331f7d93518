package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.test.http.StaticHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jackal tools wait-for} through the command line and its error handling; network waits against real
 * sockets. Cluster waits, and a missing kubeconfig, are tested where the environment can be set: with the shaded
 * jar in the {@code it} module ({@code WaitForCliTest}), and in {@code KubeWaiterTest}.
 */
class ToolsWaitForCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertNoStackTrace() {
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void httpAndTcpWaitsSucceed() throws IOException {
        Files.writeString(dir.resolve("ok.txt"), "ok");
        try (StaticHttpServer http = StaticHttpServer.serve(dir);
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = http.baseUrl().substring("http://".length());
            assertEquals(ExitCodes.OK, run("tools", "wait-for", "http", address + "/ok.txt", "200"), err.toString());
            assertEquals(ExitCodes.OK, run("tools", "wait-for", "http", address + "/ok.txt"), err.toString());
            assertEquals(ExitCodes.OK, run("t", "wait", "http", address + "/gone", "404"), err.toString());
            assertEquals(
                    ExitCodes.OK,
                    run("tools", "wait-for", "tcp", "127.0.0.1:" + socket.getLocalPort(), "--timeout", "5s"),
                    err.toString());
        }
    }

    @Test
    void aTimeoutIsAUserErrorNamingTheEndpoint() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(ExitCodes.FAILURE, run("tools", "wait-for", "tcp", "127.0.0.1:" + closed, "--timeout", "1s"));
        assertTrue(
                err.toString()
                        .contains("ERROR: timed out after 1s waiting for tcp 127.0.0.1:" + closed
                                + " to accept connections ("),
                err.toString());
        assertNoStackTrace();
    }

    @Test
    void badArgumentsFailClearly() {
        assertEquals(ExitCodes.FAILURE, run("tools", "wait-for", "pod", "app", "{.status..phase}=x"));
        assertTrue(err.toString().contains("ERROR: JSONPath {.status..phase} uses recursive descent"), err.toString());
        assertNoStackTrace();

        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILURE, run("tools", "wait-for", "http", "localhost:1", "teapot"));
        assertTrue(err.toString().contains("ERROR: invalid HTTP status code 'teapot'"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILURE, run("tools", "wait-for", "tcp"));
        assertTrue(err.toString().contains("ERROR: wait-for tcp needs an address"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("tools", "wait-for", "pod", "app", "--timeout", "soon"));
        assertTrue(err.toString().contains("Invalid value for --timeout: 'soon'"), err.toString());
    }

    @Test
    void helpShowsTheForms() {
        assertEquals(ExitCodes.OK, run("tools", "wait-for", "--help"));
        String help = out.toString();
        assertTrue(help.contains("KIND|PROTOCOL"), help);
        assertTrue(help.contains("--timeout"), help);
        assertTrue(help.contains("jackal tools wait-for pod app=podinfo Ready -n podinfo"), help);
    }
}
