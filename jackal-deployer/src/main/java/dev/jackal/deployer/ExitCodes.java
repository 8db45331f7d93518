package dev.jackal.deployer;

/** The deployer's exit codes; listed in {@code --help}. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;

    /** The command failed; the message says why. */
    public static final int FAILURE = 1;

    /** The command line was wrong: an unknown option, a missing argument, a bad value. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
