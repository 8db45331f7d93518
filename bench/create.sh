#!/usr/bin/env bash
# Benchmark: a whole `jackal package create` (images pulled from a local registry, SBOMs, checksums, archive)
# against `zstd -T0 -3` over a tar of the same package content. Not part of the Maven build or CI.
# Needs java 17, docker-registry, skopeo, zstd, GNU tar, python3 and /usr/bin/time.
#
#   bench/create.sh                                 # ~2 GiB of images, largest layers 512 MiB, 5 rounds
#   BENCH_SIZE_MB=512 BENCH_RUNS=1 bench/create.sh  # quick check
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; generated images and the registry's data are kept and
# reused), BENCH_SIZE_MB (2048), BENCH_LARGEST_MB (512), BENCH_SMALL_MB (256; its layers are at most 8 MiB),
# BENCH_RUNS (5), BENCH_XMX (256m), BENCH_BUILD (1; 0 uses the jar already in jackal-deployer/target),
# BENCH_JAR (another jackal-deployer.jar to measure, e.g. one built from an older commit; implies no build),
# BENCH_COMPARE_JAR (a second jar, e.g. from before a change: each round adds its empty-cache create),
# BENCH_EXTRAS (1; 0 skips the warm-cache and --skip-sbom runs).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-2048}"
largest_mb="${BENCH_LARGEST_MB:-512}"
small_mb="${BENCH_SMALL_MB:-256}"
runs="${BENCH_RUNS:-5}"
xmx="${BENCH_XMX:-256m}"
extras="${BENCH_EXTRAS:-1}"

cd "$root"
if [ -z "${BENCH_JAR:-}" ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    ./mvnw -B -q -ntp -pl jackal-deployer -am package -DskipTests
fi
built="$root/jackal-deployer/target/jackal-deployer.jar"
jar="${BENCH_JAR:-$built}"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$built" "$here"/src/dev/jackal/bench/*.java

# --- images: OCI layouts generated once, pushed once into the registry's own data directory
images() { # layoutDir totalMB largestMB
    if [ ! -f "$1/images.txt" ]; then
        rm -rf "$1"
        java -cp "$here/target/classes:$built" dev.jackal.bench.CreateBench images "$1" "$2" "$3" 3
    fi
}
big="$work/images-$size_mb-$largest_mb"
small="$work/images-$small_mb-8"
images "$big" "$size_mb" "$largest_mb"
images "$small" "$small_mb" 8

cw="$work/create"
mkdir -p "$cw" "$work/registry"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$cw/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$cw/registry.yml" >"$cw/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break
    sleep 0.1
done
curl -sf "http://127.0.0.1:$port/v2/" >/dev/null || { cat "$cw/registry.log"; exit 1; }

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
push "$big" big
push "$small" small

definition() { # dir layoutDir set
    mkdir -p "$1"
    {
        printf 'kind: JackalPackageConfig\nmetadata:\n  name: bench-%s\n  version: 1.0.0\n  architecture: amd64\n' "$3"
        printf 'components:\n  - name: images\n    required: true\n    images:\n'
        while read -r name; do
            printf '      - 127.0.0.1:%s/bench-%s/%s:1.0\n' "$port" "$3" "$name"
        done <"$2/images.txt"
    } >"$1/jackal.yaml"
}
definition "$cw/def-big" "$big" big
definition "$cw/def-small" "$small" small

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b/1e6/s}'; }
stamp() { local t0=$EPOCHREALTIME; while IFS= read -r line; do
    awk -v a="$t0" -v b="$EPOCHREALTIME" -v l="$line" 'BEGIN {printf "%7.3f %s\n", b-a, l}'; done; }

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
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')
    aggregate=$(sed -n 's/.*aggregate checksum \([0-9a-f]*\).*/\1/p' "$cw/$label.log")
    archive_mb=$(mbps "$(cat "$cw"/out/*.tar.zst | wc -c)" 1)
    [ -n "$aggregate" ] || { cat "$cw/$label.log"; exit 1; }
    # phase split from jackal's own log lines: pulling ... | writing the archive ... | created
    phases=$(awk '/pulling/ {p=$1} /^ *[0-9.]+ images:/ {i=$1} /writing/ {w=$1} /created/ {c=$1}
        END {printf "pull=%.1fs sbom+checksums=%.1fs archive=%.1fs", i-p, w-i, c-w}' "$cw/$label.log")
}

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), $(zstd --version | grep -o 'v[0-9.]*'), $(tar --version | head -1)," \
    "$(docker-registry --version 2>&1 | head -1 | awk '{print $NF}'), skopeo $(skopeo --version | awk '{print $3}')"
echo "# code: $(if [ -n "${BENCH_JAR:-}" ]; then echo "$jar"; else git -C "$root" log -1 --format='%h %s' | cut -c1-80; fi)"
echo "# images: $big ($(wc -l <"$big/images.txt") images), $small ($(wc -l <"$small/images.txt") images);" \
    "registry 127.0.0.1:$port; jackal -Xmx$xmx"

# --- the reference: one create, extracted once; zstd compresses a tar of exactly that content
create reference "$cw/def-big" "$cw/cache-ref"
rm -rf "$cw/cache-ref" "$cw/content" "$cw/plain.tar" && mkdir -p "$cw/content"
zstd -dc "$cw"/out/*.tar.zst | tar -C "$cw/content" -xf -
content=$(find "$cw/content" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')
tar -C "$cw/content" -cf "$cw/plain.tar" .
echo "# package content: $(find "$cw/content" -type f | wc -l) files, $content bytes; aggregate checksum $aggregate"
rm -rf "$cw/content"
small_content=0
cat "$cw/plain.tar" >/dev/null   # warm the page cache

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
best() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
cold_runs="" warm_runs="" nosbom_runs="" zstd_runs="" ratios="" cold_rss="" warm_rss="" small_rss="" cold_cpu="" zstd_cpu=""
aggregates="" compare_runs="" compare_rss="" compare_ratios=""
for run in $(seq 1 "$runs"); do
    rm -rf "$cw/cache"
    create cold "$cw/def-big" "$cw/cache"
    cold_wall=$wall
    cold_runs="$cold_runs $(mbps "$content" "$wall")" cold_rss="$cold_rss $rss" cold_cpu="$cold_cpu $cpu"
    aggregates="$aggregates $aggregate"
    echo "jackal create, empty cache  run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
        "cpu=${user}u+${sys}s $phases archiveMB=$archive_mb"

    /usr/bin/time -f '%e %M %U %S' -o "$cw/time.txt" zstd -T0 -3 -q -f "$cw/plain.tar" -o "$cw/plain.tar.zst"
    read -r wall zrss user sys <"$cw/time.txt"
    zstd_wall=$wall
    zstd_runs="$zstd_runs $(mbps "$content" "$wall")"
    ratios="$ratios $(awk -v z="$wall" -v j="$cold_wall" 'BEGIN {print z/j}')"
    zstd_cpu="$zstd_cpu $(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')"
    echo "zstd -T0 -3 over the tar    run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$((zrss / 1024))" \
        "cpu=${user}u+${sys}s archiveMB=$(mbps "$(stat -c %s "$cw/plain.tar.zst")" 1)"
    rm -f "$cw/plain.tar.zst"

    if [ -n "${BENCH_COMPARE_JAR:-}" ]; then
        rm -rf "$cw/cache-compare"
        create_jar="$BENCH_COMPARE_JAR" create compare "$cw/def-big" "$cw/cache-compare"
        rm -rf "$cw/cache-compare"
        compare_runs="$compare_runs $(mbps "$content" "$wall")" compare_rss="$compare_rss $rss"
        compare_ratios="$compare_ratios $(awk -v z="$zstd_wall" -v j="$wall" 'BEGIN {print z/j}')"
        aggregates="$aggregates $aggregate"
        echo "compare jar, empty cache    run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
            "cpu=${user}u+${sys}s $phases"
    fi
    if [ "$extras" != 0 ]; then
        create warm "$cw/def-big" "$cw/cache"
        warm_runs="$warm_runs $(mbps "$content" "$wall")" warm_rss="$warm_rss $rss"
        aggregates="$aggregates $aggregate"
        echo "jackal create, warm cache   run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
            "cpu=${user}u+${sys}s $phases"
        create nosbom "$cw/def-big" "$cw/cache" --skip-sbom
        nosbom_runs="$nosbom_runs $(mbps "$content" "$wall")"
        echo "jackal create, warm, --skip-sbom run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$rss" \
            "cpu=${user}u+${sys}s $phases"
    fi

    rm -rf "$cw/cache-small"
    create small "$cw/def-small" "$cw/cache-small"
    if [ "$small_content" = 0 ]; then
        small_content=$(zstd -dc "$cw"/out/*.tar.zst | tar -tvf - | awk '{s+=$3} END {print s}')
    fi
    small_rss="$small_rss $rss"
    echo "jackal create, small layers (<=8 MiB), empty cache run=$run seconds=$wall" \
        "MBps=$(mbps "$small_content" "$wall") maxRSS_MB=$rss cpu=${user}u+${sys}s $phases"
done
rm -rf "$cw/out" "$cw/cache" "$cw/cache-small"

c=$(echo "$cold_runs" | median) z=$(echo "$zstd_runs" | median)
echo "# medians over $runs rounds (MB/s of package content, whole-process wall time): jackal create (empty cache)=$c" \
    "zstd=$z jackal/zstd=$(ratio "$c" "$z")"
if [ "$extras" != 0 ]; then
    echo "# medians: warm cache=$(echo "$warm_runs" | median) warm+--skip-sbom=$(echo "$nosbom_runs" | median)"
fi
if [ -n "${BENCH_COMPARE_JAR:-}" ]; then
    k=$(echo "$compare_runs" | median)
    echo "# compare jar ($BENCH_COMPARE_JAR): median=$k MB/s jar/zstd=$(ratio "$k" "$z")" \
        "median of per-round ratios=$(echo "$compare_ratios" | median)" \
        "best=$(echo "$compare_runs" | best) peak RSS MB $(echo "$compare_rss" | tr ' ' '\n' | grep -v '^$' | sort -n | sed -n '1p;$p' | xargs | tr ' ' -)"
fi
cb=$(echo "$cold_runs" | best) zb=$(echo "$zstd_runs" | best)
echo "# best of $runs rounds: jackal create=$cb zstd=$zb jackal/zstd=$(ratio "$cb" "$zb")"
echo "# median of per-round ratios jackal/zstd=$(echo "$ratios" | median);" \
    "median CPU seconds (user+sys): jackal create=$(echo "$cold_cpu" | median) zstd=$(echo "$zstd_cpu" | median)"
echo "# peak RSS MB (min-max): big layers, empty cache $(echo "$cold_rss" | tr ' ' '\n' | grep -v '^$' | sort -n | sed -n '1p;$p' | xargs | tr ' ' -)" \
    "${warm_rss:+; warm cache $(echo "$warm_rss" | tr ' ' '\n' | grep -v '^$' | sort -n | sed -n '1p;$p' | xargs | tr ' ' -)}" \
    "; small layers (<=8 MiB) $(echo "$small_rss" | tr ' ' '\n' | grep -v '^$' | sort -n | sed -n '1p;$p' | xargs | tr ' ' -)"
echo "# aggregate checksums of the big package over all runs: $(echo "$aggregates" | tr ' ' '\n' | grep -v '^$' | sort -u | wc -l) distinct"
