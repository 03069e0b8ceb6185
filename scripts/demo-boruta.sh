#!/usr/bin/env bash
# The Boruta provider end to end: build oauthctl, start the built-in Boruta sandbox on loopback (it seeds
# Boruta's system clients and a client-credentials client for oauthctl), plan and apply examples/boruta,
# then plan again to show nothing is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! pkg-config --exists yaml-0.1 2>/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config
fi

swift build -c release --product oauthctl
oauthctl="$(swift build -c release --show-bin-path)/oauthctl"
work="$(mktemp -d)"
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$oauthctl" sandbox --type boruta --listen 127.0.0.1:0 >"$work/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 50); do [ -s "$work/sandbox.out" ] && break; sleep 0.1; done
export BORUTA_ADMIN_URL="$(head -n1 "$work/sandbox.out")"
echo "sandbox: $BORUTA_ADMIN_URL (pid $sandbox_pid)"

# The sandbox's seeded admin client (5ab0c11e-0000-4000-8000-000000000001) has this secret.
export BORUTA_ADMIN_CLIENT_SECRET=sandbox-admin-secret
export BILLING_SECRET="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo; echo "== oauthctl plan examples/boruta"; "$oauthctl" plan examples/boruta
echo; echo "== oauthctl apply examples/boruta --auto-approve --secrets-out $work/secrets.json"
"$oauthctl" apply examples/boruta --auto-approve --secrets-out "$work/secrets.json"
echo; echo "== oauthctl plan examples/boruta --detailed-exitcode --prune   (expect: no changes, exit 0; prune deletes nothing)"
"$oauthctl" plan examples/boruta --detailed-exitcode --prune
echo "exit code: $?"
