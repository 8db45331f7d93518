package dev.jackal.cluster.init;

import dev.jackal.injector.bootstrap.InjectorPayload;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the injector bootstrap needs (spec §7.5).
 *
 * @param injectorBinary the static injector executable ({@code InjectorBinary.open()})
 * @param payload the seed images' archive in parts, with its sha256
 * @param seedImages the seed component's images as the package names them; probed through the injector by
 *     repository and tag (or digest), so duplicates are dropped
 * @param packageName the init package's name, for the package label (may be null)
 * @param architecture the package's architecture; only nodes of it are candidates (null: any)
 * @param nodePort the injector service's node port, or null to let the API server pick one
 * @param registryNodePort the permanent registry's node port (31999 by default), which an automatically picked
 *     injector port must not take (may be null)
 */
public record BootstrapRequest(
        byte[] injectorBinary,
        InjectorPayload payload,
        List<String> seedImages,
        String packageName,
        String architecture,
        Integer nodePort,
        Integer registryNodePort) {

    public BootstrapRequest {
        Objects.requireNonNull(injectorBinary, "injectorBinary");
        Objects.requireNonNull(payload, "payload");
        injectorBinary = injectorBinary.clone();
        seedImages = List.copyOf(new LinkedHashSet<>(seedImages));
    }

    @Override
    public byte[] injectorBinary() {
        return injectorBinary.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapRequest r
                && java.util.Arrays.equals(injectorBinary, r.injectorBinary)
                && payload.equals(r.payload)
                && seedImages.equals(r.seedImages)
                && Objects.equals(packageName, r.packageName)
                && Objects.equals(architecture, r.architecture)
                && Objects.equals(nodePort, r.nodePort)
                && Objects.equals(registryNodePort, r.registryNodePort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                java.util.Arrays.hashCode(injectorBinary),
                payload,
                seedImages,
                packageName,
                architecture,
                nodePort,
                registryNodePort);
    }

    @Override
    public String toString() {
        return "BootstrapRequest[injectorBinary=" + injectorBinary.length + " bytes, payload="
                + payload.names().size()
                + " parts, seedImages=" + seedImages + ", packageName=" + packageName + ", architecture="
                + architecture + ", nodePort=" + nodePort + ", registryNodePort=" + registryNodePort + "]";
    }
}
