package dev.jackal.maven;

import dev.jackal.core.JackalVersion;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;

/** Logs the version of jackal that this plugin carries. */
@Mojo(name = "version", threadSafe = true, requiresProject = false)
public final class VersionMojo extends AbstractMojo {

    @Override
    public void execute() {
        getLog().info("jackal " + JackalVersion.get());
    }
}
