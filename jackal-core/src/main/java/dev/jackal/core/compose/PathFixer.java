package dev.jackal.core.compose;

import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.Actions;
import dev.jackal.core.model.ChartSpec;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.DataInjection;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.model.ManifestSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Re-roots every local path of an imported component at the head package's directory (spec §3.4); URLs
 * stay as they are.
 */
final class PathFixer {

    private final Path headDir;
    private final Path relative;

    PathFixer(Path headDir, Path relativeToHead) {
        this.headDir = headDir;
        this.relative = relativeToHead;
    }

    Component fix(Component c) {
        if (relative.toString().isEmpty()) {
            return c;
        }
        List<FileSpec> files = c.files().stream()
                .map(f -> new FileSpec(
                        path(f.source()), f.shasum(), f.target(), f.executable(), f.symlinks(), f.extractPath()))
                .toList();
        List<ChartSpec> charts = c.charts().stream()
                .map(ch -> new ChartSpec(
                        ch.name(),
                        ch.version(),
                        ch.url(),
                        ch.repoName(),
                        ch.gitPath(),
                        path(ch.localPath()),
                        ch.namespace(),
                        ch.releaseName(),
                        ch.noWait(),
                        ch.valuesFiles().stream().map(this::path).toList()))
                .toList();
        List<ManifestSpec> manifests = c.manifests().stream()
                .map(m -> new ManifestSpec(
                        m.name(),
                        m.namespace(),
                        m.files().stream().map(this::path).toList(),
                        m.kustomizations().stream().map(this::pathIfExists).toList(),
                        m.kustomizeAllowAnyDirectory(),
                        m.noWait()))
                .toList();
        List<DataInjection> data = c.dataInjections().stream()
                .map(d -> new DataInjection(path(d.source()), d.target(), d.compress()))
                .toList();
        Actions actions = c.actions() == null
                ? null
                : new Actions(
                        onCreate(c.actions().onCreate()),
                        c.actions().onDeploy(),
                        c.actions().onRemove());
        return new Component(
                c.name(),
                c.description(),
                c.isDefault(),
                c.required(),
                c.only(),
                c.group(),
                path(c.cosignKeyPath()),
                c.importSpec(),
                manifests,
                charts,
                data,
                files,
                c.images(),
                c.repos(),
                c.scripts(),
                actions,
                c.healthChecks());
    }

    private ActionSet onCreate(ActionSet set) {
        if (set == null) {
            return null;
        }
        String defaultDir = set.defaults() == null ? null : set.defaults().dir();
        return new ActionSet(
                set.defaults(),
                dirs(set.before(), defaultDir),
                dirs(set.after(), defaultDir),
                dirs(set.onSuccess(), defaultDir),
                dirs(set.onFailure(), defaultDir));
    }

    private List<Action> dirs(List<Action> actions, String defaultDir) {
        return actions.stream()
                .map(a -> {
                    String dir = a.dir() != null ? a.dir() : defaultDir;
                    String fixed = dir == null ? relative.toString() : path(dir);
                    return new Action(
                            a.mute(),
                            a.maxTotalSeconds(),
                            a.maxRetries(),
                            fixed,
                            a.env(),
                            a.cmd(),
                            a.shell(),
                            a.setVariable(),
                            a.setVariables(),
                            a.description(),
                            a.waitFor());
                })
                .toList();
    }

    private String path(String value) {
        if (value == null || value.isEmpty() || isUrl(value) || Path.of(value).isAbsolute()) {
            return value;
        }
        return relative.resolve(value).normalize().toString();
    }

    private String pathIfExists(String value) {
        String fixed = path(value);
        return fixed != null && Files.exists(headDir.resolve(fixed)) ? fixed : value;
    }

    static boolean isUrl(String value) {
        return value.contains("://");
    }
}
