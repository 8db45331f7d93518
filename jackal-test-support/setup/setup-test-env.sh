#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine for the whole test suite; idempotent and quick when all is present.
#  - the injector toolchain (injector-rust/setup-toolchain.sh)
#  - Debian packages for the real test services: docker-registry (OCI registry), skopeo + umoci
#    (independent OCI client), nginx-light + fcgiwrap + git (git smart-HTTP server), apache2-utils
#    (htpasswd, bcrypt), tinyproxy (HTTP proxy in front of test registries), openssl (test PKI), jq, zstd
#    (tar --zstd), maven (Debian's Maven 3.8.7 at /usr/bin/mvn: the archetype's ITs build a generated project with
#    it, and ./mvnw needs an installed Maven to fetch its own)
#  - Debian packages for the real node (dev.jackal.test.node.RealNode): containerd + runc (container
#    runtime), containernetworking-plugins (bridge/host-local/portmap CNI), iptables (kube-proxy, kubelet),
#    nftables (removes the tables iptables creates, so the host is left as it was), iproute2 (bridges,
#    routes), busybox-static (runnable test images), gcc + libc6-dev (the static pause program)
#  - the Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok) and
#    the node's kubelet, kube-proxy and kubectl, built from Go modules by build-kube.sh and cached in
#    ${JACKAL_TEST_CACHE:-~/.cache/jackal-test}
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

"$here/../../injector-rust/setup-toolchain.sh"

"$here/apt-install.sh" setup-test-env docker-registry skopeo umoci apache2-utils nginx-light fcgiwrap git openssl \
  tinyproxy jq zstd ca-certificates maven \
  containerd runc containernetworking-plugins iptables nftables iproute2 busybox-static gcc libc6-dev

"$here/build-kube.sh"
