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
#   BENCH_TARGET=node bench/push.sh                  # into the registry `jackal init` runs on a real node (root)
#
# BENCH_TARGET=node pushes through the real thing instead: jackal-test-support's RealNode (containerd, kubelet and
# kube-proxy next to the Go-built control plane, as InitRealNodeTest uses it) is started once, `jackal init` installs
# the in-cluster registry from the reactor's init package, and both contenders push to its NodePort
# 127.0.0.1:31999 (kube-proxy's NAT into the registry pod) with the state's push user. Before each push the registry
# pod is deleted so that the Deployment starts a fresh one with an empty emptyDir volume (init runs with
# REGISTRY_PVC_ENABLED=false). Needs root and the real-node setup (jackal-test-support/setup/setup-test-env.sh).
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; the generated layout is kept and reused), BENCH_SIZE_MB (1024),
# BENCH_LARGEST_MB (256), BENCH_RUNS (5), BENCH_CONCURRENCY (3: jackal's --oci-concurrency default), BENCH_XMX
# (256m), BENCH_BUILD (1; 0 uses the jar already in jackal-deployer/target), BENCH_JAR (another
# jackal-deployer.jar; implies no build), BENCH_CLEAN (0; 1 deletes the layout on exit), BENCH_TARGET (loopback;
# node: see above).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=registry.sh
. "$here/registry.sh"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-1024}"
largest_mb="${BENCH_LARGEST_MB:-256}"
runs="${BENCH_RUNS:-5}"
concurrency="${BENCH_CONCURRENCY:-3}"
xmx="${BENCH_XMX:-256m}"
target="${BENCH_TARGET:-loopback}"
case "$target" in loopback | node) ;; *) echo "BENCH_TARGET must be loopback or node, not '$target'" >&2; exit 2 ;; esac

cd "$root"
if [ -z "${BENCH_JAR:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    if [ "$target" = node ]; then
        ./mvnw -B -q -ntp -pl jackal-deployer,jackal-init-package,jackal-test-support -am package -DskipTests
    else
        ./mvnw -B -q -ntp -pl jackal-deployer -am package -DskipTests
    fi
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
node_pid=""
stop_registry() {
    if [ "$target" = node ]; then
        return 0 # the in-cluster registry is reset before each push instead
    fi
    if [ -n "$registry_pid" ]; then
        kill "$registry_pid" 2>/dev/null || true
        wait "$registry_pid" 2>/dev/null || true
        registry_pid=""
    fi
    rm -rf "$pw/data"
}
cleanup() {
    stop_registry
    node_down
    if [ "${BENCH_CLEAN:-0}" != 0 ]; then rm -rf "$layout"; fi
}
trap cleanup EXIT

# --- node mode: a real node held by NodeBench for the whole run, `jackal init` on it
node_down() {
    if [ -n "$node_pid" ]; then
        exec 7>&- # NodeBench's standard input ends: it stops the node and restores the host
        wait "$node_pid" || true
        node_pid=""
    fi
}
kc() { "$KUBECTL" --kubeconfig="$KUBECONFIG" "$@"; }
node_up() {
    local cp initpkg
    ./mvnw -B -q -ntp -pl jackal-test-support dependency:build-classpath -Dmdep.outputFile="$pw/test-support.cp" >/dev/null
    cp="$root/jackal-test-support/target/classes:$(cat "$pw/test-support.cp")"
    mkdir -p "$here/target/node-classes"
    javac -d "$here/target/node-classes" -cp "$cp" "$here"/src-node/dev/jackal/bench/*.java
    initpkg=$(ls "$root"/jackal-init-package/target/jackal-init-amd64-*.tar.zst | head -1)
    rm -f "$pw/node.env" "$pw/node.in"
    mkfifo "$pw/node.in"
    java -cp "$here/target/node-classes:$cp" dev.jackal.bench.NodeBench "$pw/node.env" <"$pw/node.in" \
        >"$pw/node.log" 2>&1 &
    node_pid=$!
    exec 7>"$pw/node.in"
    for _ in $(seq 1 600); do
        [ -s "$pw/node.env" ] && break
        kill -0 "$node_pid" 2>/dev/null || { cat "$pw/node.log"; exit 1; }
        sleep 1
    done
    [ -s "$pw/node.env" ] || { echo "the node did not start in 10 minutes" >&2; cat "$pw/node.log"; exit 1; }
    # shellcheck disable=SC1091
    . "$pw/node.env"
    export KUBECONFIG KUBECTL
    KUBECONFIG="$KUBECONFIG" java -jar "$jar" init "$initpkg" --confirm --set REGISTRY_PVC_ENABLED=false \
        --set REGISTRY_HPA_ENABLE=false --no-progress >"$pw/init.log" 2>&1 || { cat "$pw/init.log"; exit 1; }
    # the state's push user: into the environment for PushBench and an auth file for skopeo, never on a command line
    kc -n jackal get secret jackal-state -o jsonpath='{.data.state}' | base64 -d >"$pw/state.json"
    chmod 600 "$pw/state.json"
    BENCH_REGISTRY_USER=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registryInfo"]["pushUsername"])' "$pw/state.json")
    BENCH_REGISTRY_PASSWORD=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registryInfo"]["pushPassword"])' "$pw/state.json")
    export BENCH_REGISTRY_USER BENCH_REGISTRY_PASSWORD
    (umask 077 && python3 -c 'import base64,json,os
auth = base64.b64encode((os.environ["BENCH_REGISTRY_USER"] + ":" + os.environ["BENCH_REGISTRY_PASSWORD"]).encode()).decode()
print(json.dumps({"auths": {"127.0.0.1:31999": {"auth": auth}}}))' >"$pw/auth.json")
    rm -f "$pw/state.json"
}

# start_registry: a fresh registry with empty storage; sets port. Loopback: a docker-registry on a free port with an
# empty data directory. Node: the in-cluster registry's pod is replaced (a new emptyDir) and its NodePort answers.
start_registry() {
    if [ "$target" = node ]; then
        reset_node_registry
        return 0
    fi
    stop_registry
    serve_registry "$pw" "$pw/data"
}

reset_node_registry() {
    port=31999
    export port
    kc -n jackal delete pod -l app=docker-registry --wait=true >/dev/null
    for _ in $(seq 1 180); do
        # one pod, not terminating, Ready
        ready=$(kc -n jackal get pod -l app=docker-registry -o \
            jsonpath='{range .items[*]}{.metadata.deletionTimestamp}{"|"}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}')
        if [ "$ready" = "|True" ] && curl -s -o /dev/null "http://127.0.0.1:$port/v2/"; then
            return 0
        fi
        sleep 1
    done
    kc -n jackal get pods -o wide
    echo "the in-cluster registry did not come back" >&2
    exit 1
}

# check: every image's manifest in the registry has the layout's digest
check() {
    while read -r name; do
        want=$(python3 -c 'import json,sys
for m in json.load(open(sys.argv[1]))["manifests"]:
    if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == sys.argv[2]:
        print(m["digest"]); break' "$layout/index.json" "$name")
        got="sha256:$(skopeo inspect --raw --tls-verify=false $auth_flag "docker://127.0.0.1:$port/bench/$name:1.0" | sha256sum | cut -d' ' -f1)"
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
        # shellcheck disable=SC2086
        skopeo copy -q --preserve-digests --dest-tls-verify=false $dest_auth_flag "oci:$layout:$name" \
            "docker://127.0.0.1:$1/bench/$name:1.0"
    done <"$layout/images.txt"
}
auth_flag="" dest_auth_flag=""
if [ "$target" = node ]; then
    node_up
    auth_flag="--authfile=$pw/auth.json" dest_auth_flag="--dest-authfile=$pw/auth.json"
fi
export -f skopeo_all
export layout dest_auth_flag

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), registry $(if [ "$target" = node ]; then echo "of the init package (distribution, in a pod)"; else docker-registry --version 2>&1 | head -1 | awk '{print $NF}'; fi)," \
    "skopeo $(skopeo --version | awk '{print $3}')"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# target: $(if [ "$target" = node ]; then echo "the registry jackal init runs on a real node, through its NodePort 127.0.0.1:31999 (pod replaced before each push)"; else echo "a fresh loopback docker-registry per push"; fi)"
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
