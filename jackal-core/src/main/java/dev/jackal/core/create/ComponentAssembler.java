package dev.jackal.core.create;

import dev.jackal.core.action.ActionFailedException;
import dev.jackal.core.action.ActionRunner;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.fetch.Downloader;
import dev.jackal.core.git.GitCredentials;
import dev.jackal.core.git.GitUrl;
import dev.jackal.core.git.RepoCloner;
import dev.jackal.core.layout.ComponentLayout;
import dev.jackal.core.layout.Directories;
import dev.jackal.core.model.Action;
import dev.jackal.core.model.ActionSet;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.DataInjection;
import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TransferBounds;
import dev.jackal.core.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Builds one component's directory (spec §3.1 step 7): {@code onCreate.before}, charts, files, data
 * injections, manifests and kustomizations, then {@code onCreate.after}; {@code onSuccess} or
 * {@code onFailure} last.
 */
public final class ComponentAssembler {

    private final EventHandler events;
    private final ActionRunner actions;
    private final FileAssembler files;
    private final ManifestAssembler manifests;
    private final ChartAssembler charts;
    private final Fetcher fetcher;
    private final RepoCloner repos;

    /**
     * @param baseDir the package directory; local sources and action directories are relative to it
     */
    public ComponentAssembler(EventHandler events, Path baseDir, ActionRunner actions, GitCredentials git) {
        this(events, baseDir, actions, git, Registries.defaults());
    }

    /**
     * @param registry fetches charts from {@code oci://} URLs
     */
    public ComponentAssembler(
            EventHandler events, Path baseDir, ActionRunner actions, GitCredentials git, RegistryClient registry) {
        this(events, baseDir, actions, git, registry, TransferBounds.defaults());
    }

    /**
     * @param network timeouts and minimum rate of downloads and git clones
     */
    public ComponentAssembler(
            EventHandler events,
            Path baseDir,
            ActionRunner actions,
            GitCredentials git,
            RegistryClient registry,
            TransferBounds network) {
        this(events, baseDir, actions, git, registry, network, null, false);
    }

    /**
     * @param cacheDir the cache that downloads, OCI charts and git mirrors go through (see {@link RemoteFiles},
     *     {@link OciCharts}, {@link RepoCloner}), or null for none
     * @param offline take everything from {@code cacheDir}; nothing touches the network
     */
    public ComponentAssembler(
            EventHandler events,
            Path baseDir,
            ActionRunner actions,
            GitCredentials git,
            RegistryClient registry,
            TransferBounds network,
            Path cacheDir,
            boolean offline) {
        this(events, baseDir, actions, git, registry, network, cacheDir, offline, null);
    }

    /**
     * @param proxy the HTTP proxy that remote files, data injections, Helm repository charts and git clones go
     *     through (the registry's own traffic takes {@code registry}'s), or null to connect directly
     */
    public ComponentAssembler(
            EventHandler events,
            Path baseDir,
            ActionRunner actions,
            GitCredentials git,
            RegistryClient registry,
            TransferBounds network,
            Path cacheDir,
            boolean offline,
            HttpProxy proxy) {
        RemoteFiles downloader = new RemoteFiles(new Downloader(network, events).withProxy(proxy), cacheDir, offline);
        this.repos =
                new RepoCloner(git, network, cacheDir == null ? null : cacheDir.resolve(REPOS_DIR), offline, proxy);
        this.events = events;
        this.actions = actions;
        this.fetcher = new Fetcher(baseDir, downloader);
        this.files = new FileAssembler(fetcher);
        this.manifests = new ManifestAssembler(fetcher, offline);
        this.charts = new ChartAssembler(fetcher, downloader, registry, repos, new OciCharts(cacheDir, offline));
    }

    /** Below the cache: the bare mirrors of git repositories. */
    public static final String REPOS_DIR = "repos";

    /** Builds {@code component} into {@code <componentsDir>/<name>/} and returns its layout. */
    public ComponentLayout assemble(Component component, Path componentsDir) {
        ComponentLayout layout = new ComponentLayout(componentsDir.resolve(component.name()));
        ActionSet onCreate =
                component.actions() == null ? null : component.actions().onCreate();
        events.lifecycle("building component " + component.name());
        try {
            Files.createDirectories(layout.temp());
            run(onCreate, onCreate == null ? List.of() : onCreate.before());
            charts.assemble(component, layout);
            files.assemble(component, layout);
            data(component, layout);
            manifests.assemble(component, layout);
            repos(component, layout);
            run(onCreate, onCreate == null ? List.of() : onCreate.after());
            Directories.delete(layout.temp());
        } catch (IOException e) {
            fail(onCreate);
            throw new CreateException(component.name(), "", e.getMessage(), e);
        } catch (CreateException | ActionFailedException e) {
            fail(onCreate);
            throw e;
        }
        run(onCreate, onCreate == null ? List.of() : onCreate.onSuccess());
        return layout;
    }

    private void data(Component component, ComponentLayout layout) {
        for (int i = 0; i < component.dataInjections().size(); i++) {
            DataInjection data = component.dataInjections().get(i);
            String targetPath = data.target() == null || data.target().path() == null
                    ? "data"
                    : data.target().path();
            fetcher.fetch(
                    data.source(), layout.data(i, targetPath), component.name(), "dataInjections[" + i + "].source");
        }
    }

    private void repos(Component component, ComponentLayout layout) throws IOException {
        for (int i = 0; i < component.repos().size(); i++) {
            String field = "repos[" + i + "]";
            String source = component.repos().get(i);
            GitUrl url;
            try {
                url = GitUrl.parse(source);
            } catch (IllegalArgumentException e) {
                throw new CreateException(component.name(), field, e.getMessage());
            }
            events.info("cloning " + url.withoutRef() + (url.ref().isEmpty() ? "" : " at " + url.ref()));
            try {
                repos.cloneTo(url, layout.repo(url.folderName()));
            } catch (GitAPIException e) {
                throw new CreateException(component.name(), field, "cannot clone " + source + ": " + e.getMessage(), e);
            }
        }
    }

    private void run(ActionSet set, List<Action> list) {
        for (Action action : list) {
            if (action.waitFor() != null) {
                throw new ActionFailedException(
                        action.description() == null ? "wait" : action.description(),
                        "'wait' actions run only at deploy; use a cmd action in onCreate");
            }
            actions.run(action, set.defaults());
        }
    }

    private void fail(ActionSet onCreate) {
        if (onCreate == null) {
            return;
        }
        try {
            run(onCreate, onCreate.onFailure());
        } catch (ActionFailedException e) {
            events.warn("an onFailure action failed too: " + e.getMessage());
        }
    }
}
