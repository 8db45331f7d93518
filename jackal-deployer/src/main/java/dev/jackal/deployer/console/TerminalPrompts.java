package dev.jackal.deployer.console;

import dev.jackal.cluster.DeployOptions;
import dev.jackal.core.deploy.ComponentSelector;
import dev.jackal.core.deploy.DeployPreview;
import dev.jackal.core.deploy.DeployVariables;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.Variable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Deploy prompts on a terminal: one choice per component group, yes/no for optional components, values for
 * variables marked {@code prompt: true} (sensitive ones read without echo), and the confirm screen.
 */
public final class TerminalPrompts implements DeployOptions.Prompts {

    private final BufferedReader in;
    private final PrintWriter out;
    private final Function<String, char[]> secretReader;

    /**
     * @param secretReader reads a line without echo (the console's {@code readPassword}), given the prompt
     */
    public TerminalPrompts(BufferedReader in, PrintWriter out, Function<String, char[]> secretReader) {
        this.in = in;
        this.out = out;
        this.secretReader = secretReader;
    }

    @Override
    public Optional<ComponentSelector.Prompter> components() {
        return Optional.of(new ComponentSelector.Prompter() {
            @Override
            public int chooseOne(String group, List<Component> members) {
                out.println("Select one component of the group " + group + ":");
                int suggested = 0;
                for (int i = 0; i < members.size(); i++) {
                    Component member = members.get(i);
                    if (Boolean.TRUE.equals(member.isDefault())) {
                        suggested = i;
                    }
                    out.println("  " + (i + 1) + ") " + member.name()
                            + (member.description() == null ? "" : " - " + member.description()));
                }
                while (true) {
                    String answer = ask("Component [" + (suggested + 1) + "]: ");
                    if (answer.isEmpty()) {
                        return suggested;
                    }
                    try {
                        int chosen = Integer.parseInt(answer);
                        if (chosen >= 1 && chosen <= members.size()) {
                            return chosen - 1;
                        }
                    } catch (NumberFormatException e) {
                        // asked again below
                    }
                    out.println("Enter a number from 1 to " + members.size() + ".");
                }
            }

            @Override
            public boolean confirm(Component component, boolean suggested) {
                String description = component.description() == null ? "" : " (" + component.description() + ")";
                return yes("Deploy the " + component.name() + " component" + description + "?", suggested);
            }
        });
    }

    @Override
    public Optional<DeployVariables.Prompter> variables() {
        return Optional.of((Variable variable, String current) -> {
            String description = variable.description() == null ? "" : " (" + variable.description() + ")";
            if (Boolean.TRUE.equals(variable.sensitive())) {
                char[] secret = secretReader.apply("Value for " + variable.name() + description + ": ");
                return secret == null || secret.length == 0 ? Optional.empty() : Optional.of(new String(secret));
            }
            String answer = ask("Value for " + variable.name() + description + " [" + current + "]: ");
            return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
        });
    }

    @Override
    public boolean confirm(DeployPreview preview) {
        preview.lines().forEach(out::println);
        return yes("Deploy this Jackal package?", false);
    }

    private boolean yes(String question, boolean suggested) {
        while (true) {
            String answer = ask(question + (suggested ? " [Y/n] " : " [y/N] ")).toLowerCase(java.util.Locale.ROOT);
            if (answer.isEmpty()) {
                return suggested;
            }
            if (answer.equals("y") || answer.equals("yes")) {
                return true;
            }
            if (answer.equals("n") || answer.equals("no")) {
                return false;
            }
        }
    }

    private String ask(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                throw new dev.jackal.core.deploy.DeployCancelledException(
                        "the terminal closed before the deploy was confirmed; nothing was changed");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
