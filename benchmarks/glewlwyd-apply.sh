#!/usr/bin/env bash
# Apply N clients (default 1,000) to a real, throw-away Glewlwyd with --parallelism 8 and then one at a
# time (a fresh server each), plus the no-op plan that follows. Prints wall-clock seconds.
# Usage: benchmarks/glewlwyd-apply.sh [N]     Env: BIN (an oauthctl binary; default: a release build),
#        PARALLELISM (default "8 1"). Needs glewlwyd (scripts/test.sh installs it).
# Note: oauthctl runs at most one write at a time against Glewlwyd (ProviderRegistry.maxConcurrentWrites):
# Glewlwyd 2.7 mixes up the properties of overlapping creates, so --parallelism only overlaps the reads.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
if [ -z "${BIN:-}" ]; then
  swift build -c release --scratch-path .build-bench --product oauthctl >&2
  BIN="$(swift build -c release --scratch-path .build-bench --show-bin-path)/oauthctl"
fi
FIXTURE=Tests/Fixtures/glewlwyd/server.sh
WORK=$(mktemp -d)
DIR=""
cleanup() { [ -n "$DIR" ] && "$FIXTURE" down "$DIR" || true; rm -rf "$WORK"; }
trap cleanup EXIT

# N clients: every other one confidential with a secret reference, the rest public code+PKCE clients.
{
  printf 'apiVersion: oauthctl/v1\nkind: Provider\nmetadata: {name: bench}\nspec:\n  type: glewlwyd\n  url: ${GLEWLWYD_API_URL}\n  auth: {api_key: {from_env: GLEWLWYD_API_KEY}}\n'
  for i in $(seq -w 1 "$N"); do
    if (( 10#$i % 2 )); then
      printf -- '---\napiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: svc-%s}\nspec:\n  name: Service %s\n  confidential: true\n  client_secret: {from_env: BENCH_SECRET}\n  authorization_type: [client_credentials]\n  token_endpoint_auth_method: [client_secret_basic]\n  scope: [api.read]\n' "$i" "$i"
    else
      printf -- '---\napiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: web-%s}\nspec:\n  name: Web %s\n  authorization_type: [code, refresh_token]\n  redirect_uri: ["http://127.0.0.1:9999/cb/%s"]\n  scope: [openid]\n' "$i" "$i" "$i"
    fi
  done
} > "$WORK/clients.yaml"

now() { date +%s.%N; }
for p in ${PARALLELISM:-8 1}; do
  eval "$("$FIXTURE" up | sed 's/^/export /')"
  DIR=$GLWD_DIR
  export OAUTHCTL_VAR_GLEWLWYD_API_URL=$GLWD_API GLEWLWYD_API_KEY=$GLWD_API_KEY BENCH_SECRET=bench-secret-value
  t0=$(now)
  "$BIN" apply "$WORK" --auto-approve --parallelism "$p" > "$WORK/apply.out" 2>&1 || { tail -5 "$WORK/apply.out"; exit 1; }
  t1=$(now)
  "$BIN" plan "$WORK" --detailed-exitcode > "$WORK/plan.out" 2>&1 || { echo "plan after apply is not a no-op:"; tail -5 "$WORK/plan.out"; exit 1; }
  t2=$(now)
  count=0; offset=0
  while :; do
    page=$(curl -s -H "Authorization: token $GLWD_API_KEY" "$GLWD_API/client/?offset=$offset&limit=100" | { grep -o '"client_id"' || true; } | wc -l)
    count=$((count + page)); offset=$((offset + 100)); [ "$page" -lt 100 ] && break
  done
  printf 'parallelism %-2s: apply %s clients %6.2f s; then plan (no-op) %5.2f s; server holds %s clients; %s\n' \
    "$p" "$N" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$count" "$(tail -1 "$WORK/apply.out")"
  "$FIXTURE" down "$DIR"; DIR=""
done
