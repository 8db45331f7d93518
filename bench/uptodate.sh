#!/usr/bin/env bash
# Benchmark: the plugin's up-to-date check. A Maven project whose jackal.yaml pins every remote source (images by
# digest from a loopback registry) plus local manifests, a file and a local chart is packaged three times a round:
#   first    `mvn package` on a clean project with an empty jackal cache (pulls, SBOMs, archive)
#   again    `mvn package` with no change: the plugin must log "up to date" and attach the files as they are
#   forced   `mvn package -Djackal.force` with a warm cache (a rebuild that pulls nothing)
# The time inside the plugin is read from Maven's own timestamped log: from the goal's header line to the next line
# Maven prints after the goal. Not part of the Maven build or CI. Needs java 17, docker-registry, skopeo, curl,
# python3, /usr/bin/time.
#
#   bench/uptodate.sh                                 # ~512 MiB of images, largest layers 128 MiB, 5 rounds
#   BENCH_SIZE_MB=64 BENCH_RUNS=1 bench/uptodate.sh   # quick check
#
# Environment: BENCH_DIR (default /tmp/jackal-bench; generated images and registry data are kept and reused),
# BENCH_SIZE_MB (512), BENCH_LARGEST_MB (128), BENCH_RUNS (5), BENCH_BUILD (1; 0 uses the plugin already in
# jackal-maven-plugin/target/it-repo).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=registry.sh
. "$here/registry.sh"
root="$(dirname "$here")"
work="${BENCH_DIR:-/tmp/jackal-bench}"
size_mb="${BENCH_SIZE_MB:-512}"
largest_mb="${BENCH_LARGEST_MB:-128}"
runs="${BENCH_RUNS:-5}"

cd "$root"
# The plugin and its dependencies go to the invoker's local repository (jackal-maven-plugin/target/it-repo), as the
# plugin's ITs use it; the cheapest IT (help-goal) runs once so that the install happens. Nothing goes to ~/.m2.
if [ "${BENCH_BUILD:-1}" != 0 ]; then
    ./mvnw -B -q -ntp verify -pl jackal-deployer,jackal-maven-plugin -am -Dtest=none \
        -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dinvoker.test=help-goal >/dev/null ||
        { echo "the build failed: run it without -q to see why" >&2; exit 1; }
fi
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
repo="$root/jackal-maven-plugin/target/it-repo"
[ -d "$repo/dev/jackal/jackal-maven-plugin/$version" ] || { echo "no plugin $version in $repo" >&2; exit 1; }
built="$root/jackal-deployer/target/jackal-deployer.jar"
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$built" "$here"/src/dev/jackal/bench/*.java

images="$work/images-$size_mb-$largest_mb"
if [ ! -f "$images/images.txt" ]; then
    rm -rf "$images"
    java -cp "$here/target/classes:$built" dev.jackal.bench.CreateBench images "$images" "$size_mb" "$largest_mb" 3 0 gzip
fi

uw="$work/uptodate"
rm -rf "$uw"
trap 'kill "${registry_pid:-}" 2>/dev/null || true' EXIT
serve_registry "$uw" "$work/registry"

# --- the project: images pinned by digest, two manifests, a file, a local chart
project="$uw/project"
mkdir -p "$project/manifests"
cp -r "$root/examples/chart-images/chart" "$project/chart"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: info\n' >"$project/manifests/settings.yaml"
printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n' >"$project/manifests/namespace.yaml"
head -c 2000000 /dev/urandom | base64 >"$project/notes.txt"
{
    printf 'kind: JackalPackageConfig\nmetadata:\n  name: uptodate\n  description: The up-to-date benchmark\n'
    printf 'components:\n  - name: app\n    required: true\n'
    printf '    manifests:\n      - name: base\n        namespace: bench\n        files:\n'
    printf '          - manifests/namespace.yaml\n          - manifests/settings.yaml\n'
    printf '    files:\n      - source: notes.txt\n        target: /opt/bench/notes.txt\n'
    printf '    charts:\n      - name: app\n        version: 0.1.0\n        namespace: bench\n        localPath: chart\n'
    printf '    images:\n'
    while read -r name; do
        skopeo copy -q --preserve-digests --dest-tls-verify=false "oci:$images:$name" \
            "docker://127.0.0.1:$port/bench-up/$name:1.0"
        digest=$(skopeo inspect --tls-verify=false --raw "docker://127.0.0.1:$port/bench-up/$name:1.0" | sha256sum | cut -c1-64)
        printf '      - 127.0.0.1:%s/bench-up/%s@sha256:%s\n' "$port" "$name" "$digest"
    done <"$images/images.txt"
} >"$project/jackal.yaml"
cat >"$project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.jackal.bench</groupId>
  <artifactId>uptodate</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <properties>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.jackal</groupId>
        <artifactId>jackal-maven-plugin</artifactId>
        <version>$version</version>
        <configuration>
          <plainHttp>true</plainHttp>
          <cache>$uw/cache</cache>
        </configuration>
        <executions>
          <execution>
            <goals>
              <goal>package</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
cat >"$uw/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>bench-repo</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository><id>local.central</id><url>file://$HOME/.m2/repository</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>local.central</id><url>file://$HOME/.m2/repository</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
</settings>
EOF

# mvn <label> [flags...]: one timed `mvn package`; sets wall (whole process) and plugin (seconds inside the goal)
mvn_package() {
    local label=$1
    shift
    /usr/bin/time -f '%e' -o "$uw/time.txt" "$root/mvnw" -B -ntp -f "$project/pom.xml" -s "$uw/settings.xml" \
        "-Dmaven.repo.local=$repo" -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS package "$@" >"$uw/$label.log" 2>&1 ||
        { cat "$uw/$label.log"; exit 1; }
    wall=$(cat "$uw/time.txt")
    # from the goal's header to the next goal's header or the closing rule before BUILD SUCCESS
    plugin=$(awk '
        function sec(t) { split(t, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
        /--- jackal(-maven-plugin)?:.*:package/ { start = sec($1); inside = 1; next }
        inside && /\[INFO\] (--- |-----------)/ { end = sec($1); inside = 0 }
        END { printf "%.3f", end - start }' "$uw/$label.log")
}

echo "# machine: $(nproc) cores, $(grep 'model name' /proc/cpuinfo | head -1 | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), Maven $("$root/mvnw" -v 2>/dev/null | head -1 | awk '{print $3}')"
echo "# code: $(git -C "$root" log -1 --format='%h %s' | cut -c1-80)"
echo "# project: $(grep -c '@sha256:' "$project/jackal.yaml") images by digest ($size_mb MB, largest layers" \
    "$largest_mb MB), 2 manifests, a 2.7 MB file, a local chart; registry 127.0.0.1:$port"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }
first_p="" again_p="" forced_p="" first_w="" again_w="" forced_w="" r_first="" r_forced="" sums=""
for run in $(seq 1 "$runs"); do
    rm -rf "$project/target" "$uw/cache"
    mvn_package first
    first_p="$first_p $plugin" first_w="$first_w $wall"
    sum=$(sha256sum "$project"/target/jackal-package-*.tar.zst | cut -c1-64)
    fp=$plugin
    echo "first  (empty cache)  run=$run plugin_s=$plugin mvn_s=$wall sha256=${sum:0:16}"

    mvn_package again
    grep -q 'is up to date' "$uw/again.log" || { cat "$uw/again.log"; echo "not up to date" >&2; exit 1; }
    again_p="$again_p $plugin" again_w="$again_w $wall"
    ap=$plugin
    echo "again  (no change)    run=$run plugin_s=$plugin mvn_s=$wall"

    mvn_package forced -Djackal.force
    forced_p="$forced_p $plugin" forced_w="$forced_w $wall"
    sums="$sums $sum $(sha256sum "$project"/target/jackal-package-*.tar.zst | cut -c1-64)"
    r_first="$r_first $(ratio "$ap" "$fp")" r_forced="$r_forced $(ratio "$ap" "$plugin")"
    echo "forced (warm cache)   run=$run plugin_s=$plugin mvn_s=$wall ratio_again/first=$(ratio "$ap" "$fp")" \
        "ratio_again/forced=$(ratio "$ap" "$plugin")"
done

f=$(echo "$first_p" | median) a=$(echo "$again_p" | median) k=$(echo "$forced_p" | median)
echo "# medians over $runs rounds, seconds inside the plugin: first=$f again=$a forced=$k;" \
    "whole mvn: first=$(echo "$first_w" | median) again=$(echo "$again_w" | median) forced=$(echo "$forced_w" | median)"
echo "# up-to-date time / build time (target <= 0.20): of medians vs first=$(ratio "$a" "$f") vs forced=$(ratio "$a" "$k");" \
    "median per round vs first=$(echo "$r_first" | median) vs forced=$(echo "$r_forced" | median)"
echo "# archive sha256 over all builds: $(echo "$sums" | tr ' ' '\n' | grep -v '^$' | sort -u | wc -l) distinct"
