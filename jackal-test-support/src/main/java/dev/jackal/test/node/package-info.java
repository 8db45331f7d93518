/**
 * A real Kubernetes node for tests: containerd, runc, kubelet and kube-proxy next to the test control plane,
 * with the host put back as it was afterwards. See {@link dev.jackal.test.node.RealNode}.
 */
package dev.jackal.test.node;
