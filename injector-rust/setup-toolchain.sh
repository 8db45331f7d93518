#!/usr/bin/env bash
# Installs what the build needs on Debian 12, if it is missing (idempotent, quick when present):
#   maven (any Maven 3; ./mvnw uses it once to fetch the pinned Maven) and a JDK 17 when there is none,
#   rustc-web + cargo-web 1.96 (/usr/bin/rustc, /usr/bin/cargo), rust-web-src (std's source, for
#   build-std), musl-tools (musl-gcc and musl libc for a static binary), gcc (libgcc_eh.a, the unwinder).
# Why not rustup: its toolchains here have no musl target and no rust-src, and cannot download them.
set -euo pipefail

need=()
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
for pkg in rustc-web cargo-web rust-web-src musl-tools gcc; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "setup-toolchain: installing ${need[*]}" >&2
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
