package dev.jackal.core.compose;

import dev.jackal.core.definition.Definition;
import dev.jackal.core.model.Component;
import java.nio.file.Path;

/**
 * One link of an import chain: a component as found in one package definition.
 *
 * @param definition the definition the component is in
 * @param index the component's position in that definition
 * @param relativeToHead the directory of that definition, relative to the head package's directory
 */
record ImportNode(Definition definition, int index, Path relativeToHead) {

    Component component() {
        return definition.pkg().components().get(index);
    }

    String path(String field) {
        return "components[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }

    String describe() {
        String name = definition.pkg().metadata() == null
                ? "?"
                : definition.pkg().metadata().name();
        return component().name() + " (" + name + " in " + display(relativeToHead) + ")";
    }

    static String display(Path relative) {
        String text = relative.toString();
        return text.isEmpty() ? "." : text;
    }
}
