package dev.jackal.test.node;

import dev.jackal.test.Exec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** containerd's own client, {@code ctr}, on the node's socket, in the {@code k8s.io} namespace (the CRI's). */
record Ctr(Path binary, Path socket) {

    Exec.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", socket.toString(), "-n", "k8s.io"));
        command.addAll(Arrays.asList(args));
        return Exec.run(command);
    }

    boolean answers() {
        return run("version").exitCode() == 0;
    }

    /** Kills every task (pod container) with SIGKILL and deletes it, so that each shim exits. */
    void killAllTasks() {
        List<String> tasks = lines(run("tasks", "ls", "-q").stdout());
        for (String task : tasks) {
            run("tasks", "kill", "-s", "SIGKILL", task);
        }
        for (int i = 0; i < 20 && !tasks.isEmpty(); i++) {
            for (String task : tasks) {
                run("tasks", "delete", "-f", task);
            }
            tasks = lines(run("tasks", "ls", "-q").stdout());
        }
    }

    static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
