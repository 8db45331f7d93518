package dev.jackal.deployer;

import dev.jackal.cluster.JackalEngine;
import dev.jackal.cluster.state.JackalState;
import dev.jackal.core.deploy.SelectionException;
import dev.jackal.deployer.console.ConsoleEvents;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jackal tools get-creds [SERVICE]}: the credentials init generated, from the cluster's state. The one place
 * jackal prints a password, because the user asked for it by name.
 */
@Command(
        name = "get-creds",
        mixinStandardHelpOptions = true,
        description = "Print the credentials of the cluster's registry, git server and artifact server.")
final class ToolsGetCredsCommand implements Callable<Integer> {

    private static final List<String> SERVICES =
            List.of("registry", "registry-readonly", "git", "git-readonly", "artifact");

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SERVICE",
            description = "Only this one: registry, registry-readonly, git, git-readonly or artifact.")
    String service;

    private record Row(String application, String username, String password, String connect) {}

    @Override
    public Integer call() {
        String only = service == null ? null : service.toLowerCase(Locale.ROOT);
        if (only != null && !SERVICES.contains(only)) {
            throw new SelectionException(
                    "unknown service '" + service + "': use one of " + String.join(", ", SERVICES));
        }
        try (ConsoleEvents events = global.console(spec.commandLine().getErr());
                JackalEngine engine = JackalEngine.connect(events)) {
            JackalState state = engine.state()
                    .orElseThrow(
                            () -> new SelectionException("the cluster has no jackal state: run jackal init first"));
            List<Row> rows = rows(state, only);
            PrintWriter out = spec.commandLine().getOut();
            if (only != null && rows.size() == 1) {
                out.println(rows.get(0).password());
            } else {
                out.printf("%-20s %-22s %-30s %s%n", "Application", "Username", "Password", "Connect");
                for (Row row : rows) {
                    out.printf(
                            "%-20s %-22s %-30s %s%n", row.application(), row.username(), row.password(), row.connect());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static List<Row> rows(JackalState state, String only) {
        List<Row> rows = new ArrayList<>();
        var registry = state.registryInfo();
        if (registry != null) {
            add(
                    rows,
                    only,
                    "registry",
                    new Row("Registry", registry.pushUsername(), registry.pushPassword(), registry.address()));
            add(
                    rows,
                    only,
                    "registry-readonly",
                    new Row(
                            "Registry (read-only)",
                            registry.pullUsername(),
                            registry.pullPassword(),
                            registry.address()));
        }
        var git = state.gitServer();
        if (git != null) {
            add(rows, only, "git", new Row("Git", git.pushUsername(), git.pushPassword(), git.address()));
            add(
                    rows,
                    only,
                    "git-readonly",
                    new Row("Git (read-only)", git.pullUsername(), git.pullPassword(), git.address()));
        }
        var artifact = state.artifactServer();
        if (artifact != null) {
            add(
                    rows,
                    only,
                    "artifact",
                    new Row("Artifact Token", artifact.pushUsername(), artifact.pushPassword(), artifact.address()));
        }
        return rows;
    }

    private static void add(List<Row> rows, String only, String key, Row row) {
        if (only == null || only.equals(key)) {
            rows.add(row);
        }
    }
}
