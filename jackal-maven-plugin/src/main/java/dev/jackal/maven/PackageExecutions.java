package dev.jackal.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The architecture and flavor of every {@code package} execution of the plugin in a POM, for
 * {@code jackal:go-offline}: an execution that names none takes the plugin's (or the property's); with no
 * {@code package} execution at all, the plugin's own settings make the one variant.
 */
final class PackageExecutions {

    /** One architecture and flavor to prepare for; null means "as the plugin's settings say". */
    record Variant(String architecture, String flavor) {
        String described() {
            return (architecture == null ? "the default architecture" : architecture)
                    + (flavor == null || flavor.isEmpty() ? "" : " (flavor " + flavor + ")");
        }
    }

    private PackageExecutions() {}

    static List<Variant> of(MavenProject project, String pluginKey, String architecture, String flavor) {
        Set<Variant> variants = new LinkedHashSet<>();
        Plugin plugin = project.getBuild() == null
                ? null
                : project.getBuild().getPluginsAsMap().get(pluginKey);
        if (plugin != null) {
            for (PluginExecution execution : plugin.getExecutions()) {
                if (execution.getGoals().contains("package")) {
                    Xpp3Dom configuration = execution.getConfiguration() instanceof Xpp3Dom dom ? dom : null;
                    variants.add(new Variant(
                            value(configuration, "architecture", architecture),
                            value(configuration, "flavor", flavor)));
                }
            }
        }
        if (variants.isEmpty()) {
            variants.add(new Variant(architecture, flavor));
        }
        return new ArrayList<>(variants);
    }

    private static String value(Xpp3Dom configuration, String name, String fallback) {
        Xpp3Dom child = configuration == null ? null : configuration.getChild(name);
        return child == null || child.getValue() == null || child.getValue().isBlank()
                ? fallback
                : child.getValue().strip();
    }
}
