#!/usr/bin/env bash
# Benchmark: a whole `jackal package create` (images pulled from a local registry, SBOMs, checksums, archive),
# with an empty and with a warm cache, against the standard tools doing the same work in the same round:
# `skopeo copy` of each image into an OCI layout, then `tar | zstd -T0 -3` of the package tree.
# Not part of the Maven build or CI. Needs java 17, docker-registry, skopeo, zstd, GNU tar, curl, python3 and
# /usr/bin/time.
#
#   bench/create.sh                                  # ~2 GiB of images, largest layers 512 MiB, 5 rounds
#   BENCH_HUGE_MB=4096 bench/create.sh               # the same plus one image with one 4 GiB layer
#   BENCH_SIZE_MB=512 BENCH_RUNS=1 bench/create.sh   # quick check
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; generated images and the registry's data are kept and
# reused), BENCH_SIZE_MB (2048), BENCH_LARGEST_MB (512), BENCH_HUGE_MB (0: none; else one more image with one
# layer of that size), BENCH_HUGE_KIND (gzip or text; gzip), BENCH_SMALL_MB (256; its layers are at most 8 MiB),
# BENCH_RUNS (5), BENCH_XMX (256m), BENCH_BUILD (1; 0 uses the jar already in jackal-deployer/target),
# BENCH_JAR (another jackal-deployer.jar to measure; implies no build), BENCH_COMPARE_JAR (a second jar, e.g.
# from before a change: each round adds its empty-cache create), BENCH_EXTRAS (1; 0 skips the warm
# --skip-sbom run and the small set), BENCH_CLEAN (0; 1 deletes BENCH_DIR, images and registry data included,
# on exit).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=registry.sh
. "$here/registry.sh"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-2048}"
largest_mb="${BENCH_LARGEST_MB:-512}"
huge_mb="${BENCH_HUGE_MB:-0}"
huge_kind="${BENCH_HUGE_KIND:-gzip}"
small_mb="${BENCH_SMALL_MB:-256}"
runs="${BENCH_RUNS:-5}"
xmx="${BENCH_XMX:-256m}"
extras="${BENCH_EXTRAS:-1}"
case "$huge_kind" in gzip | text) ;; *) echo "BENCH_HUGE_KIND must be gzip or text, not $huge_kind" >&2; exit 2 ;; esac

cd "$root"
if [ -z "${BENCH_JAR:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    ./mvnw -B -q -ntp -pl jackal-deployer -am package -DskipTests
fi
built="$root/jackal-deployer/target/jackal-deployer.jar"
jar="${BENCH_JAR:-$built}"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$built" "$here"/src/dev/jackal/bench/*.java

# --- images: OCI layouts generated once, pushed once into the registry's own data directory
images() { # layoutDir totalMB largestMB [hugeMB hugeKind]
    if [ ! -f "$1/images.txt" ]; then
        rm -rf "$1"
        java -cp "$here/target/classes:$built" dev.jackal.bench.CreateBench images "$1" "$2" "$3" 3 "${4:-0}" "${5:-gzip}"
    fi
}
big_id="big-$size_mb-$largest_mb"
[ "$huge_mb" = 0 ] || big_id="$big_id-huge-$huge_mb-$huge_kind"
big="$work/images-${big_id#big-}"
small="$work/images-$small_mb-8"
images "$big" "$size_mb" "$largest_mb" "$huge_mb" "$huge_kind"
[ "$extras" = 0 ] || images "$small" "$small_mb" 8

cw="$work/create"
cleanup() {
    kill "${registry_pid:-}" 2>/dev/null || true
    rm -rf "$cw/out" "$cw/cache" "$cw/cache-small" "$cw/cache-compare" "$cw/tree" "$cw/pipeline.tar.zst"
    if [ "${BENCH_CLEAN:-0}" != 0 ]; then
        wait "${registry_pid:-}" 2>/dev/null || true
        rm -rf "$work"
    fi
}
trap cleanup EXIT
serve_registry "$cw" "$work/registry"

push() { # layoutDir set
    local marker="$work/registry/pushed-$2-$(sha256sum "$1/index.json" | cut -c1-16)"
    if [ ! -f "$marker" ]; then
        while read -r name; do
            # --preserve-digests: skopeo would otherwise gzip the uncompressed text layers on the way
            skopeo copy -q --preserve-digests --dest-tls-verify=false "oci:$1:$name" \
                "docker://127.0.0.1:$port/bench-$2/$name:1.0"
        done <"$1/images.txt"
        touch "$marker"
    fi
}
push "$big" "$big_id"
[ "$extras" = 0 ] || push "$small" small

definition() { # dir layoutDir registryRepository packageName
    mkdir -p "$1"
    {
        printf 'kind: JackalPackageConfig\nmetadata:\n  name: bench-%s\n  version: 1.0.0\n  architecture: amd64\n' "$4"
        printf 'components:\n  - name: images\n    required: true\n    images:\n'
        while read -r name; do
            printf '      - 127.0.0.1:%s/bench-%s/%s:1.0\n' "$port" "$3" "$name"
        done <"$2/images.txt"
    } >"$1/jackal.yaml"
}
definition "$cw/def-big" "$big" "$big_id" big
[ "$extras" = 0 ] || definition "$cw/def-small" "$small" small small

mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b/1e6/s}'; }
stamp() { local t0=$EPOCHREALTIME; while IFS= read -r line; do
    awk -v a="$t0" -v b="$EPOCHREALTIME" -v l="$line" 'BEGIN {printf "%7.3f %s\n", b-a, l}'; done; }
sum_cpu() { awk -v u="$1" -v s="$2" 'BEGIN {print u+s}'; }

# create <label> <definitionDir> <cacheDir> [flags...]: one timed `package create`; sets wall, rss, cpu, aggregate
create() {
    local label=$1 def=$2 cache=$3
    shift 3
    rm -rf "$cw/out"
    /usr/bin/time -f '%e %M %U %S' -o "$cw/time.txt" java "-Xmx$xmx" -jar "${create_jar:-$jar}" package create "$def" \
        --confirm -o "$cw/out" \
        --plain-http --no-progress --jackal-cache "$cache" "$@" 2>&1 | stamp >"$cw/$label.log" ||
        { cat "$cw/$label.log"; exit 1; }
    read -r wall rss user sys <"$cw/time.txt"
    rss=$((rss / 1024))
    cpu=$(sum_cpu "$user" "$sys")
    aggregate=$(sed -n 's/.*aggregate checksum \([0-9a-f]*\).*/\1/p' "$cw/$label.log")
    archive_mb=$(mbps "$(cat "$cw"/out/*.tar.zst | wc -c)" 1)
    [ -n "$aggregate" ] || { cat "$cw/$label.log"; exit 1; }
    # phase split from jackal's own log lines: pulling ... | writing the archive ... | created
    phases=$(awk '/pulling/ {p=$1} /^ *[0-9.]+ images:/ {i=$1} /writing/ {w=$1} /created/ {c=$1}
        END {printf "pull=%.1fs sbom+checksums=%.1fs archive=%.1fs", i-p, w-i, c-w}' "$cw/$label.log")
}

# The standard pipeline, timed as one: `skopeo copy` of every image of the big set, one after another, from the
# same registry into one OCI layout `images/` of a fresh package tree, then `tar | zstd -T0 -3` of that tree. The
# tree also holds the rest of what jackal archives (jackal.yaml, checksums.txt, components/, sboms.tar), taken
# from a jackal package before the rounds and hard-linked in before the clock starts.
pipeline() {
    rm -rf "$cw/tree" "$cw/pipeline.tar.zst"
    mkdir -p "$cw/tree"
    cp -al "$cw/rest/." "$cw/tree/"
    # --preserve-digests: copy the blobs as they are, as jackal does (skopeo would gzip the text layers)
    /usr/bin/time -f '%e %M %U %S' -o "$cw/time.txt" bash -c '
        set -euo pipefail
        while read -r name; do
            skopeo copy -q --preserve-digests --src-tls-verify=false \
                "docker://127.0.0.1:$1/bench-$2/$name:1.0" "oci:$3/tree/images:$name"
        done <"$4/images.txt"
        tar -C "$3/tree" -cf - . | zstd -T0 -3 -q -o "$3/pipeline.tar.zst"' \
        pipeline "$port" "$big_id" "$cw" "$big"
    read -r wall prss user sys <"$cw/time.txt"
    cpu=$(sum_cpu "$user" "$sys")
    prss=$((prss / 1024))
    archive_mb=$(mbps "$(stat -c %s "$cw/pipeline.tar.zst")" 1)
    tree_bytes=$(find "$cw/tree" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')
    rm -rf "$cw/tree" "$cw/pipeline.tar.zst"
}

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), $(zstd --version | grep -o 'v[0-9.]*'), $(tar --version | head -1)," \
    "$(docker-registry --version 2>&1 | head -1 | awk '{print $NF}'), skopeo $(skopeo --version | awk '{print $3}')"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# images: $big ($(wc -l <"$big/images.txt") images)$([ "$extras" = 0 ] || echo ", $small ($(wc -l <"$small/images.txt") images)");" \
    "registry 127.0.0.1:$port; jackal -Xmx$xmx"

# --- the rest of the package tree for the pipeline: everything of a jackal package except images/
create reference "$cw/def-big" "$cw/cache-ref"
reference_aggregate=$aggregate
rm -rf "$cw/cache-ref" "$cw/rest" && mkdir -p "$cw/rest"
zstd -dc "$cw"/out/*.tar.zst | tar -C "$cw/rest" -xf - --exclude=images
content=$(zstd -dc "$cw"/out/*.tar.zst | tar -tvf - | awk '{s+=$3} END {printf "%.0f", s}')
echo "# package content: $content bytes; outside images/: $(find "$cw/rest" -type f | wc -l) files," \
    "$(find "$cw/rest" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}') bytes;" \
    "aggregate checksum $reference_aggregate; reference create took ${wall}s"
rm -rf "$cw/out"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n '1p;$p' | xargs | tr ' ' -; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
cold_s="" warm_s="" pipe_s="" cold_ratios="" warm_ratios="" cold_rss="" warm_rss="" small_rss="" nosbom_s=""
cold_cpu="" warm_cpu="" pipe_cpu="" aggregates="" compare_s="" compare_rss="" compare_ratios=""
for run in $(seq 1 "$runs"); do
    # (a) empty cache
    rm -rf "$cw/cache"
    create cold "$cw/def-big" "$cw/cache"
    cold_wall=$wall
    cold_s="$cold_s $wall" cold_rss="$cold_rss $rss" cold_cpu="$cold_cpu $cpu" aggregates="$aggregates $aggregate"
    echo "jackal create, empty cache   run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
        "cpu=${user}u+${sys}s $phases archiveMB=$archive_mb"
    rm -rf "$cw/out"

    # (c) skopeo copy + tar | zstd
    pipeline
    pipe_wall=$wall
    pipe_s="$pipe_s $wall" pipe_cpu="$pipe_cpu $cpu"
    cold_ratios="$cold_ratios $(ratio "$pipe_wall" "$cold_wall")"
    echo "skopeo copy + tar | zstd     run=$run seconds=$wall MBps=$(mbps "$tree_bytes" "$wall") maxRSS_MB=$prss" \
        "cpu=${user}u+${sys}s archiveMB=$archive_mb treeBytes=$tree_bytes"

    # (b) warm cache (the cache of (a))
    create warm "$cw/def-big" "$cw/cache"
    warm_s="$warm_s $wall" warm_rss="$warm_rss $rss" warm_cpu="$warm_cpu $cpu" aggregates="$aggregates $aggregate"
    warm_ratios="$warm_ratios $(ratio "$pipe_wall" "$wall")"
    echo "jackal create, warm cache    run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
        "cpu=${user}u+${sys}s $phases"
    echo "  ratios (pipeline time / jackal time) run=$run empty=$(ratio "$pipe_wall" "$cold_wall")" \
        "warm=$(ratio "$pipe_wall" "$wall")"

    if [ -n "${BENCH_COMPARE_JAR:-}" ]; then
        rm -rf "$cw/cache-compare"
        create_jar="$BENCH_COMPARE_JAR" create compare "$cw/def-big" "$cw/cache-compare"
        rm -rf "$cw/cache-compare"
        compare_s="$compare_s $wall" compare_rss="$compare_rss $rss" aggregates="$aggregates $aggregate"
        compare_ratios="$compare_ratios $(ratio "$pipe_wall" "$wall")"
        echo "compare jar, empty cache     run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
            "cpu=${user}u+${sys}s $phases"
    fi
    if [ "$extras" != 0 ]; then
        create nosbom "$cw/def-big" "$cw/cache" --skip-sbom
        nosbom_s="$nosbom_s $wall"
        echo "jackal create, warm, --skip-sbom run=$run seconds=$wall maxRSS_MB=$rss cpu=${user}u+${sys}s $phases"
        rm -rf "$cw/cache-small"
        create small "$cw/def-small" "$cw/cache-small"
        small_rss="$small_rss $rss"
        echo "jackal create, small layers (<=8 MiB), empty cache run=$run seconds=$wall maxRSS_MB=$rss" \
            "cpu=${user}u+${sys}s $phases"
        rm -rf "$cw/cache-small"
    fi
    rm -rf "$cw/out" "$cw/cache"
done

c=$(echo "$cold_s" | median) w=$(echo "$warm_s" | median) p=$(echo "$pipe_s" | median)
echo "# medians over $runs rounds, seconds (MB/s of package content): jackal empty cache=$c ($(mbps "$content" "$c"))" \
    "warm cache=$w ($(mbps "$content" "$w")) skopeo+tar|zstd=$p ($(mbps "$content" "$p"))"
echo "# ratio pipeline/jackal (>= 1.0: jackal at least as fast): empty cache: of medians=$(ratio "$p" "$c")" \
    "median per round=$(echo "$cold_ratios" | median) per round=[$(echo "$cold_ratios" | xargs)];" \
    "warm cache: of medians=$(ratio "$p" "$w") median per round=$(echo "$warm_ratios" | median)" \
    "per round=[$(echo "$warm_ratios" | xargs)]"
echo "# median CPU seconds (user+sys): jackal empty=$(echo "$cold_cpu" | median) warm=$(echo "$warm_cpu" | median)" \
    "pipeline=$(echo "$pipe_cpu" | median)"
[ "$extras" = 0 ] || echo "# median warm --skip-sbom=$(echo "$nosbom_s" | median) s"
if [ -n "${BENCH_COMPARE_JAR:-}" ]; then
    k=$(echo "$compare_s" | median)
    echo "# compare jar ($BENCH_COMPARE_JAR): median=${k}s pipeline/jar=$(ratio "$p" "$k")" \
        "median per round=$(echo "$compare_ratios" | median) peak RSS MB $(echo "$compare_rss" | range)"
fi
echo "# jackal peak RSS MB (min-max): empty cache $(echo "$cold_rss" | range); warm cache $(echo "$warm_rss" | range)" \
    "${small_rss:+; small layers (<=8 MiB) $(echo "$small_rss" | range)}"
echo "# aggregate checksums of the big package over all runs: $(echo "$reference_aggregate $aggregates" | tr ' ' '\n' |
    grep -v '^$' | sort -u | wc -l) distinct; disk used under $work: $(du -sh "$work" | cut -f1)"
