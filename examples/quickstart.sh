#!/usr/bin/env bash
# The README's quick start, after the build: creates the `composed` example package with its images.
#
# The images come from a throwaway local registry: Debian's docker-registry on a free loopback port, with its
# data in a temporary directory, holding the images that the test fixture generator makes (pushed with skopeo).
# docker-registry and skopeo are installed with apt when missing. Nothing leaves this machine; the registry
# stops and its data is deleted when the script ends.
#
# Usage: examples/quickstart.sh [OUTPUT_DIR [CREATE_FLAGS...]]   (OUTPUT_DIR defaults to target/packages;
#        CREATE_FLAGS go to `package create`, e.g. --jackal-cache DIR)
# Needs the build first: ./mvnw -B -ntp install -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-target/packages}
shift $(($# > 0 ? 1 : 0))
jar="$root/jackal-deployer/target/jackal-deployer.jar"
support="$root/jackal-test-support/target"

for built in "$jar" "$support/classes" "$support/classpath.txt"; do
  if [[ ! -e $built ]]; then
    echo "quickstart: $built is missing; build first: ./mvnw -B -ntp install -DskipTests" >&2
    exit 1
  fi
done

"$root/jackal-test-support/setup/apt-install.sh" quickstart docker-registry skopeo

work=$(mktemp -d)
registry_pid=""
cleanup() {
  if [[ -n $registry_pid ]]; then
    exec {to_registry}>&- 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The registry serves until its standard input closes (cleanup closes it).
mkfifo "$work/in" "$work/out"
java -cp "$support/classes:$(cat "$support/classpath.txt")" dev.jackal.test.oci.ExampleRegistry "$work" \
  <"$work/in" >"$work/out" 2>"$work/registry.log" &
registry_pid=$!
exec {to_registry}>"$work/in"
line=""
read -r line <"$work/out" || true
if [[ $line != REGISTRY=* ]]; then
  echo "quickstart: the example registry did not start:" >&2
  cat "$work/registry.log" >&2
  exit 1
fi
registry=${line#REGISTRY=}
echo "quickstart: example images served by $registry" >&2

java -jar "$jar" package create "$root/examples/composed" --confirm -o "$out" --plain-http \
  --set "REGISTRY=$registry" "$@"
