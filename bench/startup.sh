#!/usr/bin/env bash
# Startup benchmark: wall time of `java -jar jackal-deployer.jar --help` and of a `package create` of a tiny package
# (one component, one manifest), several interleaved rounds, medians. Not part of the Maven build or CI.
#
#   bench/startup.sh                                   # builds jackal-deployer, 15 rounds
#   BENCH_BUILD=0 BENCH_RUNS=25 bench/startup.sh       # the jar already in jackal-deployer/target
#   BENCH_COMPARE_JAR=/tmp/before.jar bench/startup.sh # also a second jar, in the same rounds
#
# Environment: BENCH_RUNS (15), BENCH_BUILD (1; 0 uses the jar already in jackal-deployer/target), BENCH_JAR (the
# jar to measure; implies no build), BENCH_COMPARE_JAR (a second jar, run right after the first in every round),
# BENCH_JAVA (java), BENCH_JAVA_OPTS (extra JVM flags for every run, e.g. -XX:TieredStopAtLevel=1).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${BENCH_RUNS:-15}"
java="${BENCH_JAVA:-java}"
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"

cd "$root"
if [ -z "${BENCH_JAR:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    ./mvnw -B -q -ntp -pl jackal-deployer -am package -DskipTests
fi
jar="${BENCH_JAR:-$root/jackal-deployer/target/jackal-deployer.jar}"
jars=("$jar")
[ -z "${BENCH_COMPARE_JAR:-}" ] || jars+=("$BENCH_COMPARE_JAR")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pkg"
cat >"$tmp/pkg/jackal.yaml" <<'EOF'
kind: JackalPackageConfig
metadata:
  name: startup
  version: 1.0.0
  architecture: amd64
components:
  - name: settings
    required: true
    manifests:
      - name: settings
        namespace: settings
        files:
          - settings.yaml
EOF
cat >"$tmp/pkg/settings.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello
EOF

# seconds <command...>: runs it once, output discarded, and prints its wall time in seconds
seconds() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", b-a}'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n '1p;$p' | xargs | tr ' ' -; }

help_cmd() { "$java" "${java_opts[@]}" -jar "$1" --help; }
create_cmd() {
    rm -rf "$tmp/out" "$tmp/cache"
    "$java" "${java_opts[@]}" -jar "$1" package create "$tmp/pkg" --confirm -o "$tmp/out" --no-progress \
        --jackal-cache "$tmp/cache"
}

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$("$java" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# jars: ${jars[*]}; JVM flags: ${BENCH_JAVA_OPTS:-none}; $runs rounds"
for j in "${jars[@]}"; do help_cmd "$j" >/dev/null 2>&1; create_cmd "$j" >/dev/null 2>&1; done # warm the page cache

declare -A help create
for run in $(seq 1 "$runs"); do
    line="run=$run"
    for i in "${!jars[@]}"; do
        h=$(seconds help_cmd "${jars[$i]}")
        c=$(seconds create_cmd "${jars[$i]}")
        help[$i]="${help[$i]:-} $h" create[$i]="${create[$i]:-} $c"
        line="$line jar$i: help=${h}s create=${c}s"
    done
    echo "$line"
done
for i in "${!jars[@]}"; do
    echo "# jar$i ${jars[$i]}: --help median $(echo "${help[$i]}" | median) s (range $(echo "${help[$i]}" | range));" \
        "one-manifest create median $(echo "${create[$i]}" | median) s (range $(echo "${create[$i]}" | range))"
done
