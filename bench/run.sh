#!/usr/bin/env bash
# Benchmark: jackal's PackageArchiver against GNU tar | zstd -T0 -3 over the same package directory.
# Not part of the Maven build or CI. Needs java 17, tar, zstd and /usr/bin/time.
#
#   bench/run.sh                       # ~2 GiB package, largest layers 512 MiB, 5 runs each
#   BENCH_SIZE_MB=512 BENCH_RUNS=1 bench/run.sh
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; generated data is kept and reused),
# BENCH_SIZE_MB (2048), BENCH_LARGEST_MB (512), BENCH_RUNS (5), BENCH_XMX (256m).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-2048}"
largest_mb="${BENCH_LARGEST_MB:-512}"
runs="${BENCH_RUNS:-5}"
xmx="${BENCH_XMX:-256m}"

cd "$root"
./mvnw -B -q -ntp -pl jackal-core -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
core_jar="$(ls "$root"/jackal-core/target/jackal-core-*.jar | grep -v -e sources -e javadoc | head -1)"
cp="$core_jar:$(cat "$root/jackal-core/target/bench.classpath")"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$cp" "$here"/src/dev/jackal/bench/*.java
bench=(java "-Xmx$xmx" -cp "$here/target/classes:$cp" dev.jackal.bench.ArchiveBench)

generate() { # dir totalMB largestMB
    if [ ! -f "$1/jackal.yaml" ]; then
        rm -rf "$1"
        "${bench[@]}" generate "$1" "$2" "$3"
    fi
}
pkg="$work/pkg-$size_mb-$largest_mb"
small="$work/pkg-256-8"
out="$work/out"
mkdir -p "$out"
generate "$pkg" "$size_mb" "$largest_mb"
generate "$small" 256 8
content=$(find "$pkg" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b/1e6/s}'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b-a}'; }

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), $(zstd --version | grep -o 'v[0-9.]*'), $(tar --version | head -1)"
echo "# package: $pkg, $(find "$pkg" -type f | wc -l) files, $content content bytes"
tar -C "$pkg" -cf - . >/dev/null   # warm the page cache; every run reads from memory
tar -C "$pkg" -cf "$out/plain.tar" .

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
jackal_runs="" pipe_runs="" zstd_runs="" rss_runs="" pipe_ratios="" zstd_ratios="" jackal_cpu="" zstd_cpu=""
for run in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "${bench[@]}" archive "$pkg" "$out/jackal.tar.zst" >"$out/jackal.txt"
    read -r wall rss user sys <"$out/time.txt"
    echo "jackal   run=$run $(cat "$out/jackal.txt") processWall=$wall processMBps=$(mbps "$content" "$wall") maxRSS_MB=$((rss / 1024)) cpu=${user}u+${sys}s"
    jackal_wall=$wall
    jackal_runs="$jackal_runs $(mbps "$content" "$wall")" rss_runs="$rss_runs $((rss / 1024))"
    jackal_cpu="$jackal_cpu $(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')"

    start=$(now)
    tar -C "$pkg" -cf - . | /usr/bin/time -f '%U %S' -o "$out/time.txt" zstd -T0 -3 -q -f -o "$out/cli.tar.zst"
    wall=$(secs "$start" "$(now)")
    read -r user sys <"$out/time.txt"
    pipe_runs="$pipe_runs $(mbps "$content" "$wall")"
    pipe_ratios="$pipe_ratios $(awk -v a="$wall" -v b="$jackal_wall" 'BEGIN {print a/b}')"
    echo "tar|zstd run=$run seconds=$wall MBps=$(mbps "$content" "$wall") archiveMB=$(mbps "$(stat -c %s "$out/cli.tar.zst")" 1) zstdCpu=${user}u+${sys}s"

    /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" zstd -T0 -3 -q -f "$out/plain.tar" -o "$out/plain.tar.zst"
    read -r wall rss user sys <"$out/time.txt"
    zstd_runs="$zstd_runs $(mbps "$content" "$wall")"
    zstd_ratios="$zstd_ratios $(awk -v a="$wall" -v b="$jackal_wall" 'BEGIN {print a/b}')"
    zstd_cpu="$zstd_cpu $(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')"
    echo "zstd     run=$run seconds=$wall MBps=$(mbps "$content" "$wall") maxRSS_MB=$((rss / 1024)) cpu=${user}u+${sys}s (over a ready tar)"
done

j=$(echo "$jackal_runs" | median) p=$(echo "$pipe_runs" | median) z=$(echo "$zstd_runs" | median)
echo "# medians over $runs runs (MB/s of content, whole process wall time): jackal=$j tar|zstd=$p zstd=$z" \
    "jackal/tar|zstd=$(awk -v a="$j" -v b="$p" 'BEGIN {printf "%.2f", a/b}')" \
    "jackal/zstd=$(awk -v a="$j" -v b="$z" 'BEGIN {printf "%.2f", a/b}')" \
    "jackal max RSS MB: $(echo "$rss_runs" | tr ' ' '\n' | sort -n | tail -1)"
best() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }
jb=$(echo "$jackal_runs" | best) pb=$(echo "$pipe_runs" | best) zb=$(echo "$zstd_runs" | best)
echo "# best of $runs runs (MB/s): jackal=$jb tar|zstd=$pb zstd=$zb" \
    "jackal/tar|zstd=$(awk -v a="$jb" -v b="$pb" 'BEGIN {printf "%.2f", a/b}')" \
    "jackal/zstd=$(awk -v a="$jb" -v b="$zb" 'BEGIN {printf "%.2f", a/b}')"
echo "# median of per-round throughput ratios: jackal/tar|zstd=$(echo "$pipe_ratios" | median)" \
    "jackal/zstd=$(echo "$zstd_ratios" | median);" \
    "median CPU seconds (user+sys): jackal=$(echo "$jackal_cpu" | median) zstd=$(echo "$zstd_cpu" | median)"
echo "# peak RSS against layer size (same -Xmx$xmx)"
/usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "${bench[@]}" archive "$small" "$out/small.tar.zst" >"$out/jackal.txt"
read -r wall rss user sys <"$out/time.txt"
echo "jackal   small-layers(<=8MiB) $(cat "$out/jackal.txt") maxRSS_MB=$((rss / 1024)) cpu=${user}u+${sys}s"

echo "# reading back"
rm -rf "$out/extracted"
/usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "${bench[@]}" extract "$out/jackal.tar.zst" "$out/extracted" >"$out/extract.txt"
read -r wall rss user sys <"$out/time.txt"
echo "jackal   $(cat "$out/extract.txt") maxRSS_MB=$((rss / 1024)) cpu=${user}u+${sys}s"
rm -rf "$out/extracted" && mkdir -p "$out/extracted"
start=$(now)
zstd -dc "$out/jackal.tar.zst" | tar -C "$out/extracted" -xf -
wall=$(secs "$start" "$(now)")
echo "zstd|tar extract of jackal's archive seconds=$wall MBps=$(mbps "$content" "$wall")"
rm -rf "$out/extracted"
