#!/usr/bin/env bash
# Sandbox throughput: lists 10,000 clients page by page (curl) and hammers GET-by-id on keep-alive
# connections (wrk). Prints requests/s. Usage: benchmarks/sandbox-throughput.sh [--no-build]
# Env: THREADS (wrk threads, default 2), CONNECTIONS (default 32), DURATION (default 10s), PAGE_SIZE (default 500).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-bench}
[[ "${1:-}" == "--no-build" ]] || swift build -c release --scratch-path "$SCRATCH" --product oauthctl >&2
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/oauthctl"
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)..." >&2
  (apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null)) || { echo "wrk unavailable" >&2; exit 1; }
fi
TMP=$(mktemp -d)
"$BIN" sandbox --type hydra --seed 10000 >"$TMP/out" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [[ -s "$TMP/out" ]] && break; sleep 0.1; done
URL=$(head -1 "$TMP/out")
echo "sandbox: $URL (pid $PID)"

# 1. List 10,000 clients page by page, following Link rel="next" (one keep-alive connection per curl).
PAGE_SIZE=${PAGE_SIZE:-500}
start=$(date +%s.%N); pages=0; seen=0
path="/admin/clients?page_size=$PAGE_SIZE"
while [[ -n "$path" ]]; do
  curl -s -D "$TMP/h" -o "$TMP/b" "$URL$path"
  pages=$((pages + 1))
  seen=$((seen + $(grep -o '"client_id"' "$TMP/b" | wc -l)))
  path=$(tr -d '\r' <"$TMP/h" | grep -i '^link:' | grep -o '<[^>]*>; rel="next"' | sed 's/^<\([^>]*\)>.*/\1/' || true)
done
end=$(date +%s.%N)
echo "list: $seen clients in $pages pages of $PAGE_SIZE, $(echo "$end - $start" | bc) s, $(echo "scale=1; $pages / ($end - $start)" | bc) pages/s"

# 2. Keep-alive GET by id.
echo "wrk: GET /admin/clients/sandbox-00042, ${THREADS:-2} threads, ${CONNECTIONS:-32} connections, ${DURATION:-10s}"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10s}" "$URL/admin/clients/sandbox-00042" | grep -E 'Requests/sec|Latency|requests in|Non-2xx|errors'
echo "wrk: GET /health/ready"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10s}" "$URL/health/ready" | grep -E 'Requests/sec|requests in|Non-2xx|errors'
echo "wrk: GET /admin/clients?page_size=10 (list, small pages)"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-32}" -d"${DURATION:-10s}" "$URL/admin/clients?page_size=10" | grep -E 'Requests/sec|requests in|Non-2xx|errors'
