#!/usr/bin/env bash
# Benchmark: pushing a set of images from an OCI layout (a package's images/) into a registry, as deploy does —
# jackal's pusher (core's ImagePusher through bench/src/dev/jackal/bench/PushBench.java) against `skopeo copy
# oci:… docker://…` of the same images to the same kind of registry, interleaved round by round, each push into a
# fresh loopback `docker-registry` with an empty data directory. Not part of the Maven build or CI. Needs java 17,
# docker-registry, skopeo, curl, python3, sha256sum and /usr/bin/time.
#
#   bench/push.sh                                    # ~1 GiB of images, largest layers 256 MiB, 5 rounds
#   BENCH_SIZE_MB=2048 BENCH_LARGEST_MB=512 bench/push.sh
#   BENCH_SIZE_MB=200 BENCH_LARGEST_MB=64 BENCH_RUNS=2 bench/push.sh   # quick check
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; the generated layout is kept and reused), BENCH_SIZE_MB (1024),
# BENCH_LARGEST_MB (256), BENCH_RUNS (5), BENCH_CONCURRENCY (3: jackal's --oci-concurrency default), BENCH_XMX
# (256m), BENCH_BUILD (1; 0 uses the jar already in jackal-deployer/target), BENCH_JAR (another
# jackal-deployer.jar; implies no build), BENCH_CLEAN (0; 1 deletes the layout on exit).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-1024}"
largest_mb="${BENCH_LARGEST_MB:-256}"
runs="${BENCH_RUNS:-5}"
concurrency="${BENCH_CONCURRENCY:-3}"
xmx="${BENCH_XMX:-256m}"

cd "$root"
if [ -z "${BENCH_JAR:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    ./mvnw -B -q -ntp -pl jackal-deployer -am package -DskipTests
fi
jar="${BENCH_JAR:-$root/jackal-deployer/target/jackal-deployer.jar}"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$jar" "$here"/src/dev/jackal/bench/*.java

# --- the images: one OCI layout written once (create.sh's generator), its entries also named as create names them
layout="$work/push-images-$size_mb-$largest_mb"
if [ ! -f "$layout/images.txt" ]; then
    rm -rf "$layout"
    java -cp "$here/target/classes:$jar" dev.jackal.bench.CreateBench images "$layout" "$size_mb" "$largest_mb" 3
    java -cp "$here/target/classes:$jar" dev.jackal.bench.PushBench name "$layout"
fi
content=$(find "$layout/blobs" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')

pw="$work/push"
mkdir -p "$pw"
registry_pid=""
stop_registry() {
    if [ -n "$registry_pid" ]; then
        kill "$registry_pid" 2>/dev/null || true
        wait "$registry_pid" 2>/dev/null || true
        registry_pid=""
    fi
    rm -rf "$pw/data"
}
cleanup() {
    stop_registry
    if [ "${BENCH_CLEAN:-0}" != 0 ]; then rm -rf "$layout"; fi
}
trap cleanup EXIT

# start_registry: a fresh docker-registry on a free loopback port with an empty data directory; sets port
start_registry() {
    stop_registry
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export port
    mkdir -p "$pw/data"
    cat >"$pw/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $pw/data
http:
  addr: 127.0.0.1:$port
EOF
    docker-registry serve "$pw/registry.yml" >"$pw/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && return 0
        sleep 0.1
    done
    cat "$pw/registry.log"
    exit 1
}

# check: every image's manifest in the registry has the layout's digest
check() {
    while read -r name; do
        want=$(python3 -c 'import json,sys
for m in json.load(open(sys.argv[1]))["manifests"]:
    if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == sys.argv[2]:
        print(m["digest"]); break' "$layout/index.json" "$name")
        got="sha256:$(skopeo inspect --raw --tls-verify=false "docker://127.0.0.1:$port/bench/$name:1.0" | sha256sum | cut -d' ' -f1)"
        [ "$want" = "$got" ] || { echo "digest mismatch for $name: $got, want $want" >&2; exit 1; }
    done <"$layout/images.txt"
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b/1e6/s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n '1p;$p' | xargs | tr ' ' -; }

# timed <label> <command...>: runs it once against a fresh registry; sets wall, rss (MB), cpu
timed() {
    local label=$1
    shift
    start_registry
    /usr/bin/time -f '%e %M %U %S' -o "$pw/time.txt" "$@" >"$pw/$label.log" 2>&1 || { cat "$pw/$label.log"; exit 1; }
    read -r wall rss user sys <"$pw/time.txt"
    rss=$((rss / 1024))
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')
    [ "$round" != 1 ] || check
    stop_registry
}

skopeo_all() { # port
    while read -r name; do
        # --preserve-digests: push the blobs as they are, as jackal does (skopeo would gzip the text layers)
        skopeo copy -q --preserve-digests --dest-tls-verify=false "oci:$layout:$name" \
            "docker://127.0.0.1:$1/bench/$name:1.0"
    done <"$layout/images.txt"
}
export -f skopeo_all
export layout

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), $(docker-registry --version 2>&1 | head -1 | awk '{print $NF}')," \
    "skopeo $(skopeo --version | awk '{print $3}')"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# images: $layout ($(wc -l <"$layout/images.txt") images, $content bytes of blobs); jackal -Xmx$xmx," \
    "concurrency $concurrency; skopeo one image after another (its layers in parallel)"

jackal_s="" skopeo_s="" ratios="" jackal_rss="" skopeo_rss="" jackal_cpu="" skopeo_cpu=""
for round in $(seq 1 "$runs"); do
    # alternate who goes first, so neither always meets a warmer page cache
    for who in $(if [ $((round % 2)) = 1 ]; then echo jackal skopeo; else echo skopeo jackal; fi); do
        if [ "$who" = jackal ]; then
            # the registry's port is known only once timed has started it: the inner shell reads $port
            timed jackal bash -c 'java "-Xmx$1" -cp "$2" dev.jackal.bench.PushBench push "$3" "127.0.0.1:$port" "$4"' \
                push "$xmx" "$here/target/classes:$jar" "$layout" "$concurrency"
            jw=$wall
            jackal_s="$jackal_s $wall" jackal_rss="$jackal_rss $rss" jackal_cpu="$jackal_cpu $cpu"
            echo "jackal push   run=$round seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
                "cpu=${user}u+${sys}s $(tail -1 "$pw/jackal.log")"
        else
            timed skopeo bash -c 'skopeo_all "$port"' 
            sw=$wall
            skopeo_s="$skopeo_s $wall" skopeo_rss="$skopeo_rss $rss" skopeo_cpu="$skopeo_cpu $cpu"
            echo "skopeo copy   run=$round seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
                "cpu=${user}u+${sys}s"
        fi
    done
    ratios="$ratios $(ratio "$sw" "$jw")"
    echo "  ratio (skopeo time / jackal time) run=$round $(ratio "$sw" "$jw")"
done

j=$(echo "$jackal_s" | median) s=$(echo "$skopeo_s" | median)
echo "# medians over $runs rounds, seconds (MB/s): jackal=$j ($(mbps "$content" "$j")) skopeo=$s ($(mbps "$content" "$s"))"
echo "# ratio skopeo/jackal (>= 1.0: jackal at least as fast): of medians=$(ratio "$s" "$j")" \
    "median per round=$(echo "$ratios" | median) per round=[$(echo "$ratios" | xargs)]"
echo "# median CPU seconds (user+sys, the registry's not counted): jackal=$(echo "$jackal_cpu" | median)" \
    "skopeo=$(echo "$skopeo_cpu" | median); peak RSS MB: jackal $(echo "$jackal_rss" | range)," \
    "skopeo $(echo "$skopeo_rss" | range)"
