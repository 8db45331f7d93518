# Sourced by the benchmark scripts: one loopback docker-registry.
#
#   serve_registry CONFIG_DIR DATA_DIR
#
# writes CONFIG_DIR/registry.yml, starts `docker-registry serve` on a free 127.0.0.1 port with its blobs in
# DATA_DIR and its log in CONFIG_DIR/registry.log, waits until /v2/ answers, and sets (and exports) `port` and
# `registry_pid`; prints the log and exits when it does not answer within 10 s. The caller stops it
# (kill "$registry_pid").
serve_registry() {
    local dir=$1 data=$2
    mkdir -p "$dir" "$data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export port
    cat >"$dir/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $data
http:
  addr: 127.0.0.1:$port
YML
    docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
    registry_pid=$!
    export registry_pid
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && return 0
        sleep 0.1
    done
    cat "$dir/registry.log"
    exit 1
}
