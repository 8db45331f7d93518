package dev.jackal.core.compose;

import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.Actions;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.DeprecatedScripts;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.SetVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * The deprecated-field migrations of a definition (spec §11): {@code scripts} become actions
 * ({@code scripts-to-actions}) and {@code setVariable} becomes {@code setVariables}
 * ({@code pluralize-set-variable}). When the definition's {@code build.migrations} already lists a
 * migration, the deprecated fields are cleared instead.
 */
public final class Migrations {

    public static final String SCRIPTS_TO_ACTIONS = "scripts-to-actions";
    public static final String PLURALIZE_SET_VARIABLE = "pluralize-set-variable";

    /** What the create step records in {@code build.migrations}. */
    public static final List<String> ALL = List.of(SCRIPTS_TO_ACTIONS, PLURALIZE_SET_VARIABLE);

    /** The migrated package and what the user should hear about it. */
    public record Result(JackalPackage pkg, List<String> warnings) {}

    private Migrations() {}

    public static Result apply(JackalPackage pkg) {
        List<String> done = pkg.build() == null ? List.of() : pkg.build().migrations();
        List<String> warnings = new ArrayList<>();
        List<Component> components = new ArrayList<>();
        for (Component component : pkg.components()) {
            Component migrated = component;
            if (component.scripts() != null) {
                if (!done.contains(SCRIPTS_TO_ACTIONS)) {
                    warnings.add("component " + component.name()
                            + " uses the deprecated 'scripts'; it was converted to 'actions' (move it there)");
                    migrated = scriptsToActions(migrated);
                }
                migrated = migrated.withoutScripts();
            }
            // not yet migrated: setVariable becomes setVariables; already migrated: the stale field is cleared
            migrated = migrated.withActions(pluralize(migrated.actions(), !done.contains(PLURALIZE_SET_VARIABLE)));
            if (migrated.group() != null && !migrated.group().isEmpty()) {
                warnings.add("Component " + migrated.name() + " is using group which has been deprecated and will be"
                        + " removed in a future version; use 'required' and 'default' instead");
            }
            components.add(migrated);
        }
        JackalPackage result = new JackalPackage(
                pkg.apiVersion(),
                pkg.kind(),
                pkg.metadata(),
                pkg.build(),
                components,
                pkg.constants(),
                pkg.variables());
        return new Result(result, List.copyOf(warnings));
    }

    private static Component scriptsToActions(Component component) {
        DeprecatedScripts scripts = component.scripts();
        boolean mute = !Boolean.TRUE.equals(scripts.showOutput());
        Integer seconds = scripts.timeoutSeconds();
        Integer retries = Boolean.TRUE.equals(scripts.retry()) ? Integer.MAX_VALUE : null;
        Actions actions = component.actions() == null ? new Actions(null, null, null) : component.actions();
        ActionSet onCreate = appendBefore(actions.onCreate(), commands(scripts.prepare(), mute, seconds, retries));
        ActionSet onDeploy = appendBefore(actions.onDeploy(), commands(scripts.before(), mute, seconds, retries));
        onDeploy = appendAfter(onDeploy, commands(scripts.after(), mute, seconds, retries));
        return component.withActions(new Actions(onCreate, onDeploy, actions.onRemove()));
    }

    private static List<Action> commands(List<String> cmds, boolean mute, Integer seconds, Integer retries) {
        return cmds.stream()
                .map(cmd -> new Action(mute, seconds, retries, null, null, cmd, null, null, null, null, null))
                .toList();
    }

    private static ActionSet appendBefore(ActionSet set, List<Action> actions) {
        if (actions.isEmpty()) {
            return set;
        }
        ActionSet base = set == null ? new ActionSet(null, null, null, null, null) : set;
        return new ActionSet(
                base.defaults(), concat(base.before(), actions), base.after(), base.onSuccess(), base.onFailure());
    }

    private static ActionSet appendAfter(ActionSet set, List<Action> actions) {
        if (actions.isEmpty()) {
            return set;
        }
        ActionSet base = set == null ? new ActionSet(null, null, null, null, null) : set;
        return new ActionSet(
                base.defaults(), base.before(), concat(base.after(), actions), base.onSuccess(), base.onFailure());
    }

    private static Actions pluralize(Actions actions, boolean convert) {
        if (actions == null) {
            return null;
        }
        return new Actions(
                pluralize(actions.onCreate(), convert),
                pluralize(actions.onDeploy(), convert),
                pluralize(actions.onRemove(), convert));
    }

    private static ActionSet pluralize(ActionSet set, boolean convert) {
        if (set == null) {
            return null;
        }
        return new ActionSet(
                set.defaults(),
                pluralize(set.before(), convert),
                pluralize(set.after(), convert),
                pluralize(set.onSuccess(), convert),
                pluralize(set.onFailure(), convert));
    }

    private static List<Action> pluralize(List<Action> actions, boolean convert) {
        return actions.stream().map(a -> pluralize(a, convert)).toList();
    }

    private static Action pluralize(Action a, boolean convert) {
        if (a.setVariable() == null || a.setVariable().isEmpty()) {
            return a;
        }
        List<SetVariable> variables = convert
                ? concat(List.of(new SetVariable(a.setVariable(), null, null, null, null)), a.setVariables())
                : a.setVariables();
        return new Action(
                a.mute(),
                a.maxTotalSeconds(),
                a.maxRetries(),
                a.dir(),
                a.env(),
                a.cmd(),
                a.shell(),
                null,
                variables,
                a.description(),
                a.waitFor());
    }

    static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
