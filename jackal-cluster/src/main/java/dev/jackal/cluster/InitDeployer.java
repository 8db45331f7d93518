package dev.jackal.cluster;

import dev.jackal.cluster.init.BootstrapRequest;
import dev.jackal.cluster.init.InjectorBootstrap;
import dev.jackal.cluster.init.SeedRegistry;
import dev.jackal.cluster.kube.ClusterException;
import dev.jackal.cluster.state.JackalState;
import dev.jackal.cluster.state.StateInitializer;
import dev.jackal.cluster.state.StateValues;
import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.load.LoadedPackage;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.FileSpec;
import dev.jackal.core.oci.ImageReference;
import dev.jackal.core.oci.OciLayout;
import dev.jackal.core.state.DeployedPackage;
import dev.jackal.core.template.TemplateValue;
import dev.jackal.injector.SeedPayload;
import dev.jackal.injector.bootstrap.InjectorPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code init} (spec §7): the cluster's state first (credentials, agent PKI, namespace labels), then the init
 * package deployed like any package with init's special handling of components by name (§7.4): the injector's
 * binary is only placed, the seed registry is installed while the injector serves its image from a ConfigMap
 * payload (and every bootstrap object is removed right after, failed or not), the permanent registry pulls its image
 * from the seed registry it replaces, the agent's images are pushed without checksum tags. With an external
 * registry, the three registry components are skipped.
 */
final class InitDeployer {

    static final String INJECTOR = "jackal-injector";
    static final String SEED_REGISTRY = "jackal-seed-registry";
    static final String REGISTRY = "jackal-registry";
    private static final Set<String> REGISTRY_COMPONENTS = Set.of(INJECTOR, SEED_REGISTRY, REGISTRY);

    private final EventHandler events;
    private final Kube kube;

    InitDeployer(EventHandler events, Kube kube) {
        this.events = events;
        this.kube = kube;
    }

    InitResult init(InitRequest request) {
        LoadedPackage loaded = request.pkg();
        if (loaded.pkg().kind() == null || !loaded.pkg().kind().isInit()) {
            throw new ClusterException(
                    "package " + loaded.pkg().metadata().name() + " is a "
                            + loaded.pkg().kind()
                            + ", not an init package: init deploys"
                            + " jackal-init-<arch>-<version>.tar.zst; deploy other packages with jackal package deploy",
                    null);
        }
        StateInitializer states = new StateInitializer(kube.client(), events);
        if (bootstrapsRegistry(loaded, request, states)) {
            // no node to run the injector on is bad input like the others: say so before the state is written
            new InjectorBootstrap(kube.client(), events)
                    .requireCandidate(loaded.pkg().metadata().architecture());
        }
        JackalState state = states.init(request.state());
        Hooks hooks = new Hooks(state, loaded.dialect());
        DeployedPackage deployed = new PackageDeployer(events, kube).deploy(loaded, request.deploy(), hooks);
        return new InitResult(deployed, state.registryInfo().address(), hooks.seedAddress);
    }

    /** Whether this init will run the injector: the package has a seed registry and the registry is jackal's own. */
    private static boolean bootstrapsRegistry(LoadedPackage loaded, InitRequest request, StateInitializer states) {
        boolean hasSeed = loaded.pkg().components().stream()
                .anyMatch(c -> jackalName(c, loaded.dialect()).equals(SEED_REGISTRY));
        if (!hasSeed || request.state().registry().url() != null) {
            return false;
        }
        return states.load()
                .map(s -> s.registryInfo() == null || s.registryInfo().internalRegistry())
                .orElse(true);
    }

    /** Component names in jackal's spelling, so an init package built by Zarf ({@code zarf-…}) is handled too. */
    private static String jackalName(Component component, PackageDialect dialect) {
        String prefix = dialect.prefix() + "-";
        return component.name().startsWith(prefix)
                ? "jackal-" + component.name().substring(prefix.length())
                : component.name();
    }

    /** Init's handling of its components by name. */
    private final class Hooks implements DeployHooks {
        private final JackalState state;
        private final PackageDialect dialect;
        private InjectorBootstrap bootstrap;
        private String seedAddress = "";

        Hooks(JackalState state, PackageDialect dialect) {
            this.state = state;
            this.dialect = dialect;
        }

        @Override
        public boolean skip(Component component) {
            boolean skip = !state.registryInfo().internalRegistry()
                    && REGISTRY_COMPONENTS.contains(jackalName(component, dialect));
            if (skip) {
                events.info("skipping " + component.name() + ": the cluster uses the external registry "
                        + state.registryInfo().address());
            }
            return skip;
        }

        @Override
        public Map<String, TemplateValue> values() {
            return StateValues.of(state, dialect);
        }

        @Override
        public void before(Component component, LoadedPackage loaded, Map<String, TemplateValue> values) {
            if (!jackalName(component, dialect).equals(SEED_REGISTRY)) {
                return;
            }
            byte[] binary = injectorBinary(loaded);
            List<ImageReference> seedImages = component.images().stream()
                    .map(ImageReference::parse)
                    .distinct()
                    .toList();
            Path archive = loaded.layout().root().resolve(".deploy").resolve("seed-payload.tar.gz");
            InjectorPayload payload;
            try {
                Files.createDirectories(archive.getParent());
                payload = InjectorPayload.of(
                        SeedPayload.build(OciLayout.open(loaded.layout().images()), seedImages, archive));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            events.lifecycle("starting the injector to serve " + seedImages.size() + " seed image(s) ("
                    + payload.chunks().size() + " payload ConfigMaps)");
            bootstrap = new InjectorBootstrap(kube.client(), events);
            SeedRegistry seed = bootstrap.start(new BootstrapRequest(
                    binary,
                    payload,
                    component.images(),
                    loaded.pkg().metadata().name(),
                    loaded.pkg().metadata().architecture(),
                    null,
                    state.registryInfo().nodePort()));
            seedAddress = seed.address();
            values.put(
                    dialect.markerPrefix() + "SEED_REGISTRY###",
                    new TemplateValue(seed.address(), false, false, false));
        }

        @Override
        public void after(Component component) {
            if (bootstrap != null && jackalName(component, dialect).equals(SEED_REGISTRY)) {
                events.info("removing the injector and its payload");
                bootstrap.cleanup();
                bootstrap = null;
            }
        }

        /** The injector the package's injector component placed (spec §7.5: from the package temp dir). */
        private byte[] injectorBinary(LoadedPackage loaded) {
            Component injector = loaded.pkg().components().stream()
                    .filter(c -> jackalName(c, dialect).equals(INJECTOR))
                    .findFirst()
                    .orElseThrow(() -> new ClusterException(
                            "the init package has no " + INJECTOR + " component, which the seed registry needs", null));
            FileSpec file = injector.files().isEmpty() ? null : injector.files().get(0);
            if (file == null) {
                throw new ClusterException("the init package's " + INJECTOR + " component has no file", null);
            }
            Path placed = Path.of(file.target()
                    .replace(dialect.tempMarker(), loaded.layout().root().toString()));
            try {
                return Files.readAllBytes(placed);
            } catch (IOException e) {
                throw new ClusterException(
                        "the injector binary is not at " + placed + " (select the " + INJECTOR
                                + " component with the seed registry): " + e.getMessage(),
                        e);
            }
        }
    }
}
