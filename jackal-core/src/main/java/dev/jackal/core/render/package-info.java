/**
 * Jackal's answer to Zarf's Helm post-renderer (spec §6.8). helm-java has no post-renderer hook, so the duties
 * run around the install: a {@link dev.jackal.core.render.ReleaseChart} is an editable copy of the chart whose
 * text files are templated before Helm renders them; a dry render parsed by
 * {@link dev.jackal.core.render.RenderedOutput} and summed up in a {@link dev.jackal.core.render.RenderPlan}
 * tells the deployer which namespaces to create, which Namespace objects to take out of the release (the copy's
 * templates are rewritten to drop them), which connect strings to record and which live objects to adopt. Helm
 * then installs the copy and renders it for real. Everything here is pure: no cluster, no printing.
 */
package dev.jackal.core.render;
