#!/usr/bin/env bash
# Builds the distribution registry as a static binary from its Go module, pinned by version.
# Usage: build-registry.sh VERSION OUTPUT_FILE
# The binary is cached under ~/.cache/jackal-build/registry/VERSION/registry and only copied when present.
set -euo pipefail
version="${1:?registry version, e.g. v3.1.2}"
out="${2:?output file}"
cache="${JACKAL_BUILD_CACHE:-$HOME/.cache/jackal-build}"
testcache="$HOME/.cache/jackal-test"
bin_dir="$cache/registry/$version"
go_bin="${GO:-}"
if [[ -z "$go_bin" ]]; then
  if command -v go >/dev/null 2>&1; then go_bin=$(command -v go); else go_bin=/usr/local/go/bin/go; fi
fi
if [[ ! -x "$bin_dir/registry" ]]; then
  [[ -x "$go_bin" ]] || { echo "build-registry: no Go toolchain (set GO=/path/to/go or put go on PATH)" >&2; exit 1; }
  mkdir -p "$bin_dir"
  # Reuse the test setup's module and build caches when they exist (the kube build fills them).
  if [[ -d "$testcache/gomod" ]]; then gomod="$testcache/gomod"; else gomod="$cache/gomod"; fi
  if [[ -d "$testcache/gocache" ]]; then gocache="$testcache/gocache"; else gocache="$cache/gocache"; fi
  tmp=$(mktemp -d "$bin_dir/.build.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "build-registry: building github.com/distribution/distribution/v3/cmd/registry@$version (static)" >&2
  env GOMODCACHE="$gomod" GOCACHE="$gocache" GOBIN="$tmp" GOFLAGS= \
      CGO_ENABLED=0 GOOS=linux GOARCH=amd64 \
      "$go_bin" install -trimpath -ldflags "-s -w -buildid=" \
      "github.com/distribution/distribution/v3/cmd/registry@$version"
  mv "$tmp/registry" "$bin_dir/registry"
fi
mkdir -p "$(dirname "$out")"
cp "$bin_dir/registry" "$out"
chmod 0755 "$out"
