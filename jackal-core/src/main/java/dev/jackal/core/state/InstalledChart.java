package dev.jackal.core.state;

/**
 * A Helm release a component installed.
 *
 * @param namespace the release's namespace
 * @param chartName the release name
 */
public record InstalledChart(String namespace, String chartName) {}
