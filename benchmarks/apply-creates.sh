#!/usr/bin/env bash
# Apply benchmark (not a test): N creates (default 1,000, from benchmarks/generate-clients.py) against a fresh
# sandbox, with --parallelism 8 and with --parallelism 1. Prints wall time, CPU and peak RSS of each, and the speed-up.
# usage: benchmarks/apply-creates.sh [N] [LATENCY_MS]   LATENCY_MS (default 0) delays every sandbox answer, as a
#        network would. env: OAUTHCTL_SCRATCH_PATH (default .build-bench), NO_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000}"
latency="${2:-0}"
scratch="${OAUTHCTL_SCRATCH_PATH:-$root/.build-bench}"

source scripts/lib/common.sh
ensure_gnu_time
bin="$(bench_binary "$scratch")"

work="$(mktemp -d)"
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && { kill -TERM $sandbox_pid 2>/dev/null; wait $sandbox_pid 2>/dev/null; }; rm -rf "$work"' EXIT
python3 benchmarks/generate-clients.py "$work/manifests" --clients "$count" --files 10
for ((i = 0; i < count; i += 5)); do export "$(printf 'CLIENT_%05d_SECRET' "$i")=bench-secret-$i-0123456789"; done

declare -A wall
for parallelism in 8 1; do
  rm -f "$work/sandbox.out" "$work/secrets.json"
  start_sandbox "$bin" "$work/sandbox.out" --type hydra --latency-ms "$latency"
  export OAUTHCTL_VAR_HYDRA_ADMIN_URL="$sandbox_url"
  if ! /usr/bin/time -f '%e %M %U %S' -o "$work/apply.time" "$bin" apply "$work/manifests" --auto-approve \
    --parallelism "$parallelism" --secrets-out "$work/secrets.json" >"$work/apply.out" 2>"$work/apply.err"; then
    echo "apply failed:" >&2; tail -20 "$work/apply.err" >&2; exit 1
  fi
  read -r secs kib user sys <"$work/apply.time"
  wall[$parallelism]=$secs
  printf 'apply of %d creates, --parallelism %d, latency %s ms: wall %6.2f s  cpu %6.2f s  peak RSS %6.1f MiB  [%s]\n' \
    "$count" "$parallelism" "$latency" "$secs" "$(awk "BEGIN{print $user + $sys}")" "$(awk "BEGIN{print $kib/1024}")" "$(tail -1 "$work/apply.out")"
  kill -TERM "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=""
done
echo "speed-up --parallelism 8 over 1: $(awk "BEGIN{printf \"%.2f\", ${wall[1]} / ${wall[8]}}")x"
