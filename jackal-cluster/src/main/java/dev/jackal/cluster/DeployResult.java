package dev.jackal.cluster;

import dev.jackal.core.state.ConnectString;
import dev.jackal.core.state.DeployedPackage;
import java.util.Map;

/** What a deploy left in the cluster: the package record as saved in its secret. */
public record DeployResult(DeployedPackage deployed) {

    /** The connect strings the package declared (spec §6.1 step 9), by name. */
    public Map<String, ConnectString> connectStrings() {
        return deployed.connectStrings();
    }
}
