#!/usr/bin/env bash
# Load + validate benchmark (not a test): 10,000 clients in one file, and in 1,000 files of 10.
# Reports wall time and peak RSS of `oauthctl validate` (release build). Target: < 0.5 s and < 150 MB each.
# usage: benchmarks/load-validate.sh [RUNS]   (default 3 runs each; the best time is reported)
# Wall time is the target; CPU time (user+sys) is printed beside it because other jobs on a shared machine
# inflate wall time. OAUTHCTL_SCRATCH_PATH overrides the build folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-3}"
scratch="${OAUTHCTL_SCRATCH_PATH:-$root/.build}"

source scripts/lib/common.sh
ensure_gnu_time

echo "building release..." >&2
bin="$(release_build "$scratch")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benchmarks/generate-clients.py "$work/one-file" --clients 10000 --files 1
python3 benchmarks/generate-clients.py "$work/many-files" --clients 10000 --files 1000

status=0
for case in one-file many-files; do
  files=$(find "$work/$case" -name '*.yaml' | wc -l)
  bytes=$(du -sb "$work/$case" | cut -f1)
  best_time="" best_rss="" best_cpu=""
  for _ in $(seq "$runs"); do
    # %e wall seconds, %M peak RSS in KiB, %U+%S CPU seconds (steadier than wall on a shared machine).
    if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$bin" validate "$work/$case" >"$work/out.txt" 2>"$work/err.txt"; then
      echo "validate failed on $case:" >&2
      head -20 "$work/err.txt" >&2
      exit 1
    fi
    read -r secs kib user sys <"$work/time.txt"
    if [ -z "$best_time" ] || awk "BEGIN{exit !($secs < $best_time)}"; then best_time=$secs; fi
    cpu=$(awk "BEGIN{print $user + $sys}")
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
    if [ -z "$best_rss" ] || [ "$kib" -gt "$best_rss" ]; then best_rss=$kib; fi
  done
  mib=$(awk "BEGIN{printf \"%.1f\", $best_rss/1024}")
  verdict=ok
  if awk "BEGIN{exit !($best_time >= 0.5 || $mib >= 150)}"; then verdict="OVER TARGET"; status=1; fi
  printf '%-10s %5d files %5.1f MB  wall %5.2f s  cpu %5.2f s (best of %d)  peak RSS %6s MiB  %s  [%s]\n' \
    "$case" "$files" "$(awk "BEGIN{print $bytes/1e6}")" "$best_time" "$best_cpu" "$runs" "$mib" "$verdict" "$(head -1 "$work/out.txt")"
done
exit $status
