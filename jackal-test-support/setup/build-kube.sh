#!/usr/bin/env bash
# Builds the Kubernetes control plane used by the tests from Go modules, pinned here, and caches it
# outside the repository. Idempotent: does nothing when the binaries of this exact pin are present.
#
#   JACKAL_TEST_CACHE   cache root (default ~/.cache/jackal-test)
#
# Layout: $JACKAL_TEST_CACHE/bin/{etcd,kube-apiserver,kube-controller-manager,kube-scheduler,kwok,kustomize}
#         $JACKAL_TEST_CACHE/bin/{kubelet,kube-proxy,kubectl}   (the real node of dev.jackal.test.kube.RealNode)
#         $JACKAL_TEST_CACHE/kwok/stages.yaml
set -euo pipefail

KUBE_VERSION=1.34.4
ETCD_VERSION=3.5.35
KWOK_VERSION=0.8.0
KUSTOMIZE_VERSION=5.8.2

cache="${JACKAL_TEST_CACHE:-$HOME/.cache/jackal-test}"
bin="$cache/bin"
stamp="$bin/.pins"
pins="kube=$KUBE_VERSION etcd=$ETCD_VERSION kwok=$KWOK_VERSION kustomize=$KUSTOMIZE_VERSION"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$pins" ]]; then
  for b in etcd kube-apiserver kube-controller-manager kube-scheduler kwok kustomize kubelet kube-proxy kubectl; do
    [[ -x "$bin/$b" ]] || { rm -f "$stamp"; break; }
  done
  [[ -f "$stamp" && -f "$cache/kwok/stages.yaml" ]] && exit 0
fi

command -v go >/dev/null || { echo "build-kube: 'go' is not on PATH; install Go >= 1.26" >&2; exit 1; }
command -v jq >/dev/null || { echo "build-kube: 'jq' is not on PATH" >&2; exit 1; }
mkdir -p "$bin" "$cache/kwok" "$cache/work"
export GOMODCACHE="${GOMODCACHE:-$cache/gomod}" GOCACHE="${GOCACHE:-$cache/gocache}"
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
log() { echo "build-kube: $*" >&2; }

# --- Kubernetes: a wrapper module, since k8s.io/kubernetes replaces its staging modules with paths.
# kube_build OUTPUT_DIR CMD...: builds k8s.io/kubernetes/cmd/CMD... of this pin with the same ldflags.
kube_build() {
  local out=$1 w="$cache/work/kube-$KUBE_VERSION" kgomod minor ldf pkgs=()
  shift
  mkdir -p "$w"
  (
    cd "$w"
    printf 'module local/kube-bin\n\ngo 1.24\n\nrequire k8s.io/kubernetes v%s\n' "$KUBE_VERSION" > go.mod
    kgomod=$(go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | jq -r .GoMod)
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$kgomod" \
      | awk -v sv="v0.${KUBE_VERSION#1.}" '{print "replace "$1" => "$1" "sv}' >> go.mod
    minor=$(echo "$KUBE_VERSION" | cut -d. -f2)
    ldf="-s -w -X k8s.io/component-base/version.gitVersion=v$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1"
    ldf="$ldf -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
    ldf="$ldf -X k8s.io/component-base/version.buildDate=2000-01-01T00:00:00Z"
    for c in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
    go build -trimpath -ldflags "$ldf" -o "$out/" "${pkgs[@]}"
  )
}
if [[ ! -x "$bin/kube-apiserver" || ! -x "$bin/kube-controller-manager" || ! -x "$bin/kube-scheduler" \
      || "$("$bin/kube-apiserver" --version 2>/dev/null)" != "Kubernetes v$KUBE_VERSION" ]]; then
  log "building kube-apiserver, kube-controller-manager, kube-scheduler v$KUBE_VERSION (cold: ~15 min)"
  kube_build "$bin" kube-apiserver kube-controller-manager kube-scheduler
fi
# The real node (RealNode): kubelet, kube-proxy and kubectl of the same pin; they share most packages
# with the apiserver, so with its build cache this takes minutes, not another 15.
if [[ ! -x "$bin/kubelet" || ! -x "$bin/kube-proxy" || ! -x "$bin/kubectl" \
      || "$("$bin/kubelet" --version 2>/dev/null)" != "Kubernetes v$KUBE_VERSION" \
      || "$("$bin/kube-proxy" --version 2>/dev/null)" != "Kubernetes v$KUBE_VERSION" \
      || "$("$bin/kubectl" version --client 2>/dev/null | head -1)" != "Client Version: v$KUBE_VERSION" ]]; then
  log "building kubelet, kube-proxy, kubectl v$KUBE_VERSION (with a warm build cache: ~6 min)"
  kube_build "$bin" kubelet kube-proxy kubectl
fi

# --- etcd: sibling modules are published at the same tag, so a plain wrapper works.
if [[ ! -x "$bin/etcd" || "$("$bin/etcd" --version 2>/dev/null | head -1)" != "etcd Version: $ETCD_VERSION" ]]; then
  w="$cache/work/etcd-$ETCD_VERSION"; mkdir -p "$w"; cd "$w"
  printf 'module local/etcd-bin\n\ngo 1.23\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" > go.mod
  log "building etcd v$ETCD_VERSION"
  go build -trimpath -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3
fi

# --- kwok: no replace directives; the fast stages ship in the module zip.
if [[ ! -x "$bin/kwok" ]]; then
  log "building kwok v$KWOK_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
fi
# --- kustomize: jackal runs a real kustomize for manifests[].kustomizations (none exists on the JVM).
if [[ ! -x "$bin/kustomize" || "$("$bin/kustomize" version 2>/dev/null)" != "v$KUSTOMIZE_VERSION" ]]; then
  log "building kustomize v$KUSTOMIZE_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w -X sigs.k8s.io/kustomize/api/provenance.version=v$KUSTOMIZE_VERSION" \
    "sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION"
fi
kdir=$(go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | jq -r .Dir)
{
  first=1
  for f in kustomize/stage/node/fast/node-initialize.yaml \
           kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           kustomize/stage/pod/fast/pod-ready.yaml kustomize/stage/pod/fast/pod-complete.yaml \
           kustomize/stage/pod/fast/pod-delete.yaml; do
    [[ $first == 1 ]] || echo '---'
    first=0
    cat "$kdir/$f"
  done
} > "$cache/kwok/stages.yaml.tmp"
mv "$cache/kwok/stages.yaml.tmp" "$cache/kwok/stages.yaml"

echo "$pins" > "$stamp"
log "ready in $bin"
