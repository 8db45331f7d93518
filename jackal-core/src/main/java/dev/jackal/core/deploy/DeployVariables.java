package dev.jackal.core.deploy;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Constant;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.Variable;
import dev.jackal.core.model.VariableType;
import dev.jackal.core.template.TemplateValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The variables and constants of a deploy (spec §6.3), as template values keyed by marker
 * ({@code ###JACKAL_VAR_X###}, {@code ###JACKAL_CONST_X###}; {@code ###ZARF_...###} in a package built by
 * Zarf). {@code --set} keys are upper-cased and win over defaults; declared variables take the default when unset (empty when there is none), are asked
 * for when they {@code prompt} and the deploy is interactive, and must match their pattern.
 */
public final class DeployVariables {

    /** Asks for a variable's value on the terminal. */
    @FunctionalInterface
    public interface Prompter {
        /** The value, or empty to keep {@code current}. */
        Optional<String> ask(Variable variable, String current);
    }

    private DeployVariables() {}

    public static Map<String, TemplateValue> resolve(
            JackalPackage pkg, Map<String, String> set, Optional<Prompter> prompter) {
        PackageDialect dialect = PackageDialect.of(pkg);
        Map<String, TemplateValue> values = new LinkedHashMap<>();
        Map<String, String> upper = new LinkedHashMap<>();
        set.forEach((k, v) -> upper.put(k.toUpperCase(Locale.ROOT), v));
        upper.forEach((k, v) -> values.put(dialect.varMarker(k), TemplateValue.plain(v)));
        for (Variable variable : pkg.variables()) {
            String marker = dialect.varMarker(variable.name());
            boolean sensitive = Boolean.TRUE.equals(variable.sensitive());
            String value = upper.get(variable.name());
            if (value == null) {
                value = variable.defaultValue() == null ? "" : variable.defaultValue();
                if (Boolean.TRUE.equals(variable.prompt()) && prompter.isPresent()) {
                    value = prompter.get().ask(variable, value).orElse(value);
                }
            }
            check(variable.name(), variable.pattern(), value);
            values.put(
                    marker,
                    new TemplateValue(
                            value,
                            sensitive,
                            Boolean.TRUE.equals(variable.autoIndent()),
                            variable.type() == VariableType.FILE));
        }
        for (Constant constant : pkg.constants()) {
            values.put(
                    dialect.constMarker(constant.name()),
                    new TemplateValue(
                            constant.value() == null ? "" : constant.value(),
                            false,
                            Boolean.TRUE.equals(constant.autoIndent()),
                            false));
        }
        return values;
    }

    /**
     * How a variable is shown on the confirm screen: {@code currently set to 'v' (default)}, {@code 'v'}, or
     * {@code '**sanitized**'}.
     */
    public static String describe(Variable variable, TemplateValue value) {
        if (value.sensitive()) {
            return "currently set to '**sanitized**'";
        }
        boolean isDefault = value.value().equals(variable.defaultValue() == null ? "" : variable.defaultValue());
        return "currently set to '" + value.value() + "'" + (isDefault ? " (default)" : "");
    }

    /** The values every action sees as environment variables: markers without the {@code #} marks. */
    public static Map<String, String> environment(Map<String, TemplateValue> values) {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((marker, value) -> env.put(marker.replace("#", ""), value.value()));
        return env;
    }

    private static void check(String name, String pattern, String value) {
        if (pattern == null || pattern.isEmpty()) {
            return;
        }
        if (!Pattern.compile(pattern).matcher(value).find()) {
            throw new VariableException(
                    name, "provided value for variable \"" + name + "\" does not match pattern \"" + pattern + "\"");
        }
    }
}
