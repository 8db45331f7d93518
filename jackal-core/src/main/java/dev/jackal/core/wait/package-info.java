/**
 * Waiting for things to become true (spec §1.6 {@code wait} actions, §10 {@code tools wait-for}, §1.5
 * {@code healthChecks}): conditions on Kubernetes objects ({@link dev.jackal.core.wait.WaitCondition}, with a
 * small JSONPath subset in {@link dev.jackal.core.wait.JsonPath}), kstatus-like readiness ({@link
 * dev.jackal.core.wait.Readiness}), and network endpoints ({@link dev.jackal.core.wait.NetworkWaiter}). The
 * cluster side is behind {@link dev.jackal.core.wait.ClusterWaiter}, implemented by the deployer; nothing here
 * talks to a cluster.
 */
package dev.jackal.core.wait;
