# Shared by the demo and benchmark scripts (source it): root-or-sudo, the packages they need,
# a release build of oauthctl, and a sandbox on a free loopback port.

# Runs a command as root: directly when we are root, else through sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs what a release build links when missing: libyaml's development files (the YAML parser), and
# libcurl's (a release binary carries the Swift runtime and Foundation, whose networking links libcurl by
# name; see Package.swift).
ensure_build_packages() {
    local missing=()
    pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev pkg-config)
    pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev pkg-config)
    if [ ${#missing[@]} -gt 0 ]; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

# Installs GNU time (wall time, CPU and peak RSS of a command) when missing.
ensure_gnu_time() {
    if [ ! -x /usr/bin/time ]; then
        echo "installing GNU time (for peak RSS)..." >&2
        as_root apt-get install -y time >/dev/null
    fi
}

# release_build [SCRATCH_PATH]: installs what it links, builds oauthctl in release (progress on stderr) and
# prints the binary's path.
release_build() {
    ensure_build_packages >&2
    local scratch=()
    [ -n "${1:-}" ] && scratch=(--scratch-path "$1")
    swift build -c release "${scratch[@]}" --product oauthctl >&2
    echo "$(swift build -c release "${scratch[@]}" --show-bin-path)/oauthctl"
}

# bench_binary SCRATCH_PATH: the release oauthctl for benchmarks: built now, or (NO_BUILD=1) the one built before.
bench_binary() {
    if [ -z "${NO_BUILD:-}" ]; then
        echo "building release..." >&2
        release_build "$1"
    else
        echo "$(swift build -c release --scratch-path "$1" --show-bin-path)/oauthctl"
    fi
}

# start_sandbox BIN OUTFILE ARGS...: starts `BIN sandbox --listen 127.0.0.1:0 ARGS...` in the background,
# waits for its first line (the base URL; up to SANDBOX_WAIT seconds, default 10: a large --seed takes
# longer) and sets sandbox_pid and sandbox_url. Stop it by PID.
start_sandbox() {
    local bin=$1 out=$2
    shift 2
    "$bin" sandbox --listen 127.0.0.1:0 "$@" >"$out" &
    sandbox_pid=$!
    for _ in $(seq $((${SANDBOX_WAIT:-10} * 10))); do [ -s "$out" ] && break; sleep 0.1; done
    sandbox_url="$(head -n1 "$out")"
    [ -n "$sandbox_url" ] || { echo "error: the sandbox printed no URL within ${SANDBOX_WAIT:-10} s" >&2; return 1; }
}
