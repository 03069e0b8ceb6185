#!/usr/bin/env bash
# No-op plan benchmark (not a test): a sandbox that already holds N clients (default 10,000) matching the
# manifests of benchmarks/generate-clients.py. Seeds them with one `apply --parallelism 8` (timed, "apply of
# N creates"), then times `oauthctl plan` (wall, CPU, peak RSS via /usr/bin/time) against the floor measured
# in the same run: one keep-alive connection fetching and parsing the same pages (benchmarks/keepalive-fetch.py),
# and prints the ratio. Targets (issue 13): ratio <= 1.5 and peak RSS <= 150 MB. The timed plans run without the secrets' variables (secret
# references are left out, so no PBKDF2); one more plan with them shows the cost of checking fingerprints.
# usage: benchmarks/plan-noop.sh [N] [RUNS]    env: OAUTHCTL_SCRATCH_PATH (default .build-bench), NO_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-10000}"
runs="${2:-3}"
scratch="${OAUTHCTL_SCRATCH_PATH:-$root/.build-bench}"

source scripts/lib/common.sh
ensure_gnu_time
bin="$(bench_binary "$scratch")"

work="$(mktemp -d)"
start_sandbox "$bin" "$work/sandbox.out" --type hydra
trap 'kill -TERM $sandbox_pid 2>/dev/null; wait $sandbox_pid 2>/dev/null; rm -rf "$work"' EXIT
url="$sandbox_url"
export OAUTHCTL_VAR_HYDRA_ADMIN_URL="$url"   # ${HYDRA_ADMIN_URL} in the generated provider
echo "sandbox: $url (pid $sandbox_pid)"

python3 benchmarks/generate-clients.py "$work/manifests" --clients "$count" --files 10
# The same clients without their secret references, for the timed plans (no variables, no PBKDF2).
python3 benchmarks/generate-clients.py "$work/plain" --clients "$count" --files 10 --no-secrets
# Secrets for the clients that reference one (every fifth client), so the no-op plan also checks fingerprints.
for ((i = 0; i < count; i += 5)); do export "$(printf 'CLIENT_%05d_SECRET' "$i")=bench-secret-$i-0123456789"; done

seconds() { awk "BEGIN{printf \"%.2f\", $2 - $1}"; }
now() { date +%s.%N; }

start=$(now)
if ! /usr/bin/time -f '%e %M %U %S' -o "$work/apply.time" "$bin" apply "$work/manifests" --auto-approve --parallelism 8 \
  --secrets-out "$work/secrets.json" >"$work/apply.out" 2>"$work/apply.err"; then
  echo "apply failed:" >&2; tail -20 "$work/apply.err" >&2; exit 1
fi
read -r apply_wall apply_kib apply_user apply_sys <"$work/apply.time"
echo "apply of $count creates (--parallelism 8): wall ${apply_wall} s, cpu $(awk "BEGIN{print $apply_user + $apply_sys}") s, peak RSS $(awk "BEGIN{printf \"%.1f\", $apply_kib/1024}") MiB  [$(tail -1 "$work/apply.out")]"

# The floor: the same pages over one keep-alive connection, each parsed (prints "seconds pages clients").
fetch_all() { python3 benchmarks/keepalive-fetch.py "$url"; }

# One plan: `env` empty of secrets unless $1 is "secrets"; prints "wall cpu kib".
time_plan() {
  local -a environment=(env -i "PATH=$PATH" "OAUTHCTL_VAR_HYDRA_ADMIN_URL=$url") manifests="$work/plain"
  if [ "$1" = secrets ]; then environment=(env); manifests="$work/manifests"; fi
  set +e
  "${environment[@]}" /usr/bin/time -f '%e %M %U %S' -o "$work/plan.time" "$bin" plan "$manifests" --detailed-exitcode >"$work/plan.out" 2>"$work/plan.err"
  local code=$?
  set -e
  if [ "$code" != 0 ]; then echo "plan is not a no-op (exit $code):" >&2; grep -m 20 -E '^\s+[~+-]|error' "$work/plan.out" "$work/plan.err" >&2; exit 1; fi
  local secs kib user sys
  read -r secs kib user sys <"$work/plan.time"
  echo "$secs $(awk "BEGIN{print $user + $sys}") $kib"
}

best_plan="" best_floor="" best_cpu="" peak=0 pages=0
for _ in $(seq "$runs"); do
  read -r floor_secs pages _ < <(fetch_all)
  if [ -z "$best_floor" ] || awk "BEGIN{exit !($floor_secs < $best_floor)}"; then best_floor=$floor_secs; fi
  read -r secs cpu kib < <(time_plan none)
  if [ -z "$best_plan" ] || awk "BEGIN{exit !($secs < $best_plan)}"; then best_plan=$secs; fi
  if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
  if [ "$kib" -gt "$peak" ]; then peak=$kib; fi
done
read -r secret_secs secret_cpu secret_kib < <(time_plan secrets)

ratio=$(awk "BEGIN{printf \"%.2f\", $best_plan / $best_floor}")
mib=$(awk "BEGIN{printf \"%.1f\", $peak/1024}")
echo "keep-alive fetch + parse, $pages pages of 500: ${best_floor} s (best of $runs)"
echo "plan, no-op of $count clients: wall ${best_plan} s, cpu ${best_cpu} s (best of $runs), peak RSS ${mib} MiB  [$(tail -1 "$work/plan.out")]"
echo "plan, no-op of $count clients checking $((count / 5)) secret fingerprints (PBKDF2): wall ${secret_secs} s, cpu ${secret_cpu} s, peak RSS $(awk "BEGIN{printf \"%.1f\", $secret_kib/1024}") MiB, ratio $(awk "BEGIN{printf \"%.2f\", $secret_secs / $best_floor}")"
verdict=ok
if awk "BEGIN{exit !($ratio > 1.5 || $mib > 150)}"; then verdict="OVER TARGET"; fi
echo "ratio plan/keep-alive fetch: $ratio (target <= 1.5), peak RSS $mib MiB (target <= 150)  $verdict"
[ "$verdict" = ok ]
