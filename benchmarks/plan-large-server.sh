#!/usr/bin/env bash
# Plan cost against a large server (issue 13; a benchmark, not a test): a Hydra sandbox seeded with
# N unmanaged clients (default 100,000) and M managed ones (default 50, from benchmarks/generate-clients.py,
# applied first). Measures, with /usr/bin/time and the sandbox's request log:
#   - `plan` (no --prune): wall, peak RSS, requests. Targets: < 1 s, <= 60 requests, RSS < 100 MB.
#   - `plan --prune` and `drift` (they must list everything): wall, peak RSS. Target: RSS < 150 MB.
# usage: benchmarks/plan-large-server.sh [N] [M]    env: OAUTHCTL_SCRATCH_PATH (default .build-bench), NO_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeded="${1:-100000}"
managed="${2:-50}"
scratch="${OAUTHCTL_SCRATCH_PATH:-$root/.build-bench}"

source scripts/lib/common.sh
ensure_gnu_time
bin="$(bench_binary "$scratch")"

work="$(mktemp -d)"
SANDBOX_WAIT=300 start_sandbox "$bin" "$work/sandbox.out" --type hydra --seed "$seeded"
trap 'kill -TERM $sandbox_pid 2>/dev/null; wait $sandbox_pid 2>/dev/null; rm -rf "$work"' EXIT
url="$sandbox_url"
export OAUTHCTL_VAR_HYDRA_ADMIN_URL="$url"
echo "sandbox: $url (pid $sandbox_pid), $seeded unmanaged clients"

python3 benchmarks/generate-clients.py "$work/manifests" --clients "$managed" --files 1
for ((i = 0; i < managed; i += 5)); do export "$(printf 'CLIENT_%05d_SECRET' "$i")=bench-secret-$i-0123456789"; done
"$bin" apply "$work/manifests" --auto-approve --parallelism 8 --secrets-out "$work/secrets.json" >/dev/null 2>"$work/apply.err" \
  || { tail -5 "$work/apply.err" >&2; exit 1; }

requests() { curl -s "$url/__sandbox/requests" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

# measure LABEL ARGS...: one oauthctl run; prints "LABEL: wall S, peak RSS M MiB, R requests, exit E".
measure() {
  local label=$1
  shift
  curl -s -X DELETE "$url/__sandbox/requests" >/dev/null
  set +e
  /usr/bin/time -f '%e %M' -o "$work/t" "$bin" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  set -e
  local wall kib
  read -r wall kib <"$work/t"
  printf '%s: wall %s s, peak RSS %.1f MiB, %s requests, exit %s\n' "$label" "$wall" "$(awk "BEGIN{print $kib/1024}")" "$(requests)" "$code"
}

measure "plan ($managed managed)" plan "$work/manifests" --detailed-exitcode
measure "plan --prune" plan "$work/manifests" --prune --detailed-exitcode
measure "drift" drift "$work/manifests"
echo "drift report: $(wc -c <"$work/out") bytes of text"
