package dev.jackal.test.node;

/**
 * Starts a real node and never stops it: {@link RealNodeCrashRecoveryTest} runs this in a JVM of its own and
 * kills that JVM with SIGKILL, as a CI timeout or an OOM killer would.
 */
public final class AbandonedNodeMain {

    private AbandonedNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        RealNode node = RealNode.start();
        System.out.println("READY " + node.runtimeDir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
