package dev.jackal.cluster;

import dev.jackal.core.load.LoadedPackage;
import java.util.Objects;

/**
 * Deploy {@code pkg} with {@code options} ({@code package deploy}, and init's own package).
 *
 * @param pkg the loaded, verified package; the caller keeps ownership and closes it
 * @param options what the user chose
 */
public record DeployRequest(LoadedPackage pkg, DeployOptions options) {
    public DeployRequest {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(options, "options");
    }
}
