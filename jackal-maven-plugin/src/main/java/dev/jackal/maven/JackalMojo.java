package dev.jackal.maven;

import dev.jackal.core.net.HttpProxy;
import dev.jackal.core.net.TransferBounds;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every jackal goal reads the same way: the project and session, its settings through {@link RawConfiguration}
 * (user property, then project property, then system property, then {@code <configuration>}), and whether the
 * project only aggregates modules.
 */
abstract class JackalMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Decrypts the passwords of settings.xml's servers and proxies ({@code mvn --encrypt-password}). */
    @Component
    SettingsDecrypter settingsDecrypter;

    private Optional<SettingsProxy.Found> proxy;

    /** This execution's settings, relative paths against the project's directory. */
    RawConfiguration raw() {
        return new RawConfiguration(
                session.getUserProperties(),
                project.getProperties(),
                session.getSystemProperties(),
                project.getBasedir().toPath());
    }

    /** A {@code pom} project with modules: jackal goals skip it with an INFO line instead of failing. */
    boolean isAggregator() {
        return "pom".equals(project.getPackaging()) && !project.getModules().isEmpty();
    }

    /**
     * The HTTP proxy for network requests (registries, downloads, git), from settings.xml's active {@code <proxy>}
     * ({@link SettingsProxy}), or null to connect directly; the first call logs one INFO line naming it.
     *
     * @throws IllegalArgumentException when the proxy's password cannot be decrypted or its host or port is invalid
     */
    HttpProxy networkProxy() {
        if (proxy == null) {
            proxy = SettingsProxy.find(session.getSettings(), settingsDecrypter);
            proxy.ifPresent(found -> getLog().info(found.describe()));
        }
        return proxy.map(SettingsProxy.Found::proxy).orElse(null);
    }

    /** The network bounds of the {@code jackal.connectTimeout}, {@code readTimeout}, {@code minTransferRate} set. */
    static TransferBounds bounds(RawConfiguration raw, int connectTimeout, int readTimeout, int minTransferRate) {
        return new TransferBounds(
                Duration.ofSeconds(raw.integer(PropertyNames.CONNECT_TIMEOUT, connectTimeout)),
                Duration.ofSeconds(raw.integer(PropertyNames.READ_TIMEOUT, readTimeout)),
                raw.integer(PropertyNames.MIN_TRANSFER_RATE, minTransferRate));
    }
}
