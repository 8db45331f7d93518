package dev.jackal.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackal.core.JackalVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionFlagPrintsTheVersion() {
        assertEquals(ExitCodes.OK, run("--version"));
        assertEquals("jackal " + JackalVersion.get(), out.toString().strip());
    }

    @Test
    void versionCommandPrintsTheBareVersion() {
        assertEquals(ExitCodes.OK, run("version"));
        assertEquals(JackalVersion.get(), out.toString().strip());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertEquals(ExitCodes.OK, run("--help"));
        String help = out.toString();
        assertTrue(help.contains("Usage: jackal"), help);
        assertTrue(help.contains("version"), help);
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("2   the command line was wrong"), help);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("--no-such-flag"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-flag'"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("deploy-everything"));
        assertTrue(err.toString().contains("deploy-everything"), err.toString());
    }
}
