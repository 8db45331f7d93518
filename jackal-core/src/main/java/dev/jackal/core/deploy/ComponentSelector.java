package dev.jackal.core.deploy;

import dev.jackal.core.model.Component;
import dev.jackal.core.text.Levenshtein;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the components to deploy (spec §6.2). Components are grouped by their (deprecated) {@code group},
 * else by name. With {@code --components} (comma list, {@code *}/{@code ?} globs, a leading {@code -}
 * excludes): required members always, excluded never, one matched member per group, else the group's
 * default; every term must match something. Without it: a group's member is chosen by the user or is its
 * default; a single component is required, asked about, or included when {@code default: true}.
 */
public final class ComponentSelector {

    /** Asks the user; used only when deploying interactively. */
    public interface Prompter {
        /** Pick one member of a group; returns its index in {@code members}. */
        int chooseOne(String group, List<Component> members);

        /** Whether to deploy an optional component; {@code suggested} is its default. */
        boolean confirm(Component component, boolean suggested);
    }

    private ComponentSelector() {}

    /** Selection with {@code --components} (non-empty) or without it (empty). */
    public static List<Component> select(List<Component> components, String requested, Optional<Prompter> prompter) {
        Map<String, List<Component>> groups = groups(components);
        List<String> terms = requested == null || requested.isBlank()
                ? List.of()
                : java.util.Arrays.stream(requested.split(","))
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList();
        List<Component> selected = new ArrayList<>();
        if (!terms.isEmpty()) {
            withList(groups, terms, components, selected);
        } else {
            withoutList(groups, prompter, selected);
        }
        // keep definition order
        return components.stream().filter(selected::contains).toList();
    }

    private static void withList(
            Map<String, List<Component>> groups,
            List<String> terms,
            List<Component> components,
            List<Component> selected) {
        List<String> includes = terms.stream().filter(t -> !t.startsWith("-")).toList();
        List<String> excludes = terms.stream()
                .filter(t -> t.startsWith("-"))
                .map(t -> t.substring(1))
                .toList();
        List<String> matchedTerms = new ArrayList<>();
        for (Map.Entry<String, List<Component>> group : groups.entrySet()) {
            Component chosen = null;
            Component fallback = null;
            for (Component member : group.getValue()) {
                boolean excluded = excludes.stream().anyMatch(e -> matches(e, member.name()));
                excludes.stream().filter(e -> matches(e, member.name())).forEach(matchedTerms::add);
                if (Boolean.TRUE.equals(member.required())) {
                    selected.add(member);
                    includes.stream().filter(i -> matches(i, member.name())).forEach(matchedTerms::add);
                    continue;
                }
                if (excluded) {
                    continue;
                }
                List<String> hits =
                        includes.stream().filter(i -> matches(i, member.name())).toList();
                if (!hits.isEmpty()) {
                    matchedTerms.addAll(hits);
                    if (chosen != null && group.getValue().size() > 1) {
                        throw new SelectionException("cannot specify multiple components from the same group: "
                                + chosen.name() + " and " + member.name());
                    }
                    chosen = member;
                    selected.add(member);
                } else if (Boolean.TRUE.equals(member.isDefault())) {
                    fallback = member;
                }
            }
            if (chosen == null
                    && group.getValue().size() > 1
                    && group.getValue().stream().noneMatch(c -> Boolean.TRUE.equals(c.required()))) {
                if (fallback != null) {
                    selected.add(fallback);
                } else if (isRealGroup(group.getValue())) {
                    throw new SelectionException(
                            "no default or selected component found: choose from " + names(group.getValue()));
                }
            }
        }
        for (String term : terms) {
            String bare = term.startsWith("-") ? term.substring(1) : term;
            if (!matchedTerms.contains(bare)) {
                throw new SelectionException("no compatible components found: " + bare + suggestions(bare, components));
            }
        }
    }

    private static void withoutList(
            Map<String, List<Component>> groups, Optional<Prompter> prompter, List<Component> selected) {
        for (Map.Entry<String, List<Component>> group : groups.entrySet()) {
            List<Component> members = group.getValue();
            if (isRealGroup(members)) {
                if (prompter.isPresent()) {
                    selected.add(members.get(prompter.get().chooseOne(group.getKey(), members)));
                    continue;
                }
                Component fallback = members.stream()
                        .filter(c -> Boolean.TRUE.equals(c.isDefault()))
                        .findFirst()
                        .orElseThrow(() -> new SelectionException("no default or selected component found: choose"
                                + " from " + names(members) + " (use --components)"));
                selected.add(fallback);
                continue;
            }
            for (Component component : members) {
                boolean isDefault = Boolean.TRUE.equals(component.isDefault());
                if (Boolean.TRUE.equals(component.required())) {
                    selected.add(component);
                } else if (prompter.isPresent() ? prompter.get().confirm(component, isDefault) : isDefault) {
                    selected.add(component);
                }
            }
        }
    }

    /** A group of the deprecated {@code group} field (components that exclude each other). */
    private static boolean isRealGroup(List<Component> members) {
        return members.size() > 1
                && members.get(0).group() != null
                && !members.get(0).group().isEmpty();
    }

    private static Map<String, List<Component>> groups(List<Component> components) {
        Map<String, List<Component>> groups = new LinkedHashMap<>();
        for (Component component : components) {
            String key = component.group() != null && !component.group().isEmpty()
                    ? "group:" + component.group()
                    : "name:" + component.name();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(component);
        }
        return groups;
    }

    /** Whether a {@code --components} term (a name or a glob) matches {@code name}. */
    public static boolean matches(String pattern, String name) {
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
            return pattern.equals(name);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return matcher.matches(Path.of(name));
    }

    private static String names(List<Component> members) {
        return members.stream().map(Component::name).collect(Collectors.joining(", "));
    }

    private static String suggestions(String term, List<Component> components) {
        List<String> close = components.stream()
                .map(Component::name)
                .filter(name -> Levenshtein.distance(term, name) <= 5)
                .distinct()
                .toList();
        return close.isEmpty() ? "" : ", suggestions (" + String.join(", ", close) + ")";
    }
}
