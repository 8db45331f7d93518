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

# seconds <function> <jar>: runs it once, output discarded; prints its wall time and the JVM's CPU time (user+sys)
# in seconds, as "wall cpu"
seconds() {
    local start=$EPOCHREALTIME end
    JAVA_PREFIX="/usr/bin/time -f %U,%S -o $tmp/cpu.txt" "$@" >/dev/null 2>&1 ||
        { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" -v c="$(cat "$tmp/cpu.txt")" 'BEGIN {split(c, t, ","); printf "%.3f %.2f", b-a, t[1]+t[2]}'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n '1p;$p' | xargs | tr ' ' -; }

# JAVA_PREFIX: /usr/bin/time for the JVM alone (not for the clean-up around it); its own cost is a few ms
help_cmd() { ${JAVA_PREFIX:-} "$java" "${java_opts[@]}" -jar "$1" --help; }
create_cmd() {
    rm -rf "$tmp/out" "$tmp/cache"
    ${JAVA_PREFIX:-} "$java" "${java_opts[@]}" -jar "$1" package create "$tmp/pkg" --confirm -o "$tmp/out" --no-progress \
        --jackal-cache "$tmp/cache"
}

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$("$java" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# jars: ${jars[*]}; JVM flags: ${BENCH_JAVA_OPTS:-none}; $runs rounds"
for j in "${jars[@]}"; do help_cmd "$j" >/dev/null 2>&1; create_cmd "$j" >/dev/null 2>&1; done # warm the page cache

declare -A help help_cpu create create_cpu
for run in $(seq 1 "$runs"); do
    line="run=$run"
    for i in "${!jars[@]}"; do
        read -r hw hc <<<"$(seconds help_cmd "${jars[$i]}")"
        read -r cw cc <<<"$(seconds create_cmd "${jars[$i]}")"
        help[$i]="${help[$i]:-} $hw" help_cpu[$i]="${help_cpu[$i]:-} $hc"
        create[$i]="${create[$i]:-} $cw" create_cpu[$i]="${create_cpu[$i]:-} $cc"
        line="$line jar$i: help=${hw}s (cpu ${hc}s) create=${cw}s (cpu ${cc}s)"
    done
    echo "$line"
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!jars[@]}"; do
    echo "# jar$i ${jars[$i]}: --help median $(echo "${help[$i]}" | median) s (range $(echo "${help[$i]}" | range)," \
        "CPU median $(echo "${help_cpu[$i]}" | median) s); one-manifest create median $(echo "${create[$i]}" | median) s" \
        "(range $(echo "${create[$i]}" | range), CPU median $(echo "${create_cpu[$i]}" | median) s)"
done
