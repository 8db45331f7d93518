package dev.jackal.core.compose;

import dev.jackal.core.model.Actions;
import dev.jackal.core.model.Component;

/** Copies of components with one part replaced. */
final class Components {

    private Components() {}

    static Component withActions(Component c, Actions actions) {
        return new Component(
                c.name(),
                c.description(),
                c.isDefault(),
                c.required(),
                c.only(),
                c.group(),
                c.cosignKeyPath(),
                c.importSpec(),
                c.manifests(),
                c.charts(),
                c.dataInjections(),
                c.files(),
                c.images(),
                c.repos(),
                c.scripts(),
                actions,
                c.healthChecks());
    }

    static Component withoutScripts(Component c) {
        return new Component(
                c.name(),
                c.description(),
                c.isDefault(),
                c.required(),
                c.only(),
                c.group(),
                c.cosignKeyPath(),
                c.importSpec(),
                c.manifests(),
                c.charts(),
                c.dataInjections(),
                c.files(),
                c.images(),
                c.repos(),
                null,
                c.actions(),
                c.healthChecks());
    }
}
