#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet (with sudo unless root); quiet when all are.
# Usage: apt-install.sh LABEL PACKAGE...   (LABEL prefixes the one line it prints)
set -euo pipefail
label=$1
shift
need=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "$label: installing ${need[*]}" >&2
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
