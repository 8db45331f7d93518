#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine for the whole test suite; idempotent and quick when all is present.
#  - the injector toolchain (injector-rust/setup-toolchain.sh)
#  - Debian packages for the real test services: docker-registry (OCI registry), skopeo + umoci
#    (independent OCI client), nginx-light + fcgiwrap + git (git smart-HTTP server), apache2-utils
#    (htpasswd, bcrypt), openssl (test PKI), jq, zstd
#  - the Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok),
#    built from Go modules by build-kube.sh and cached in ${JACKAL_TEST_CACHE:-~/.cache/jackal-test}
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

"$here/../../injector-rust/setup-toolchain.sh"

need=()
for pkg in docker-registry skopeo umoci apache2-utils nginx-light fcgiwrap git openssl jq zstd ca-certificates; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "setup-test-env: installing ${need[*]}" >&2
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

"$here/build-kube.sh"
