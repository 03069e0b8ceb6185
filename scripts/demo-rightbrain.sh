#!/usr/bin/env bash
# Rightbrain end to end on a fresh Debian machine: build oauthctl, start the built-in Rightbrain sandbox
# on loopback (bearer token required), plan and apply examples/rightbrain, then plan again (no changes).
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

# The token the sandbox demands (in real use: a Rightbrain API key or access token from your secret store).
export RIGHTBRAIN_TOKEN="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
"$oauthctl" sandbox --type rightbrain --listen 127.0.0.1:0 --token "$RIGHTBRAIN_TOKEN" >"$work/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 50); do [ -s "$work/sandbox.out" ] && break; sleep 0.1; done
# The first line is the API base URL (it ends in /api/v1); org and project ids default to the sandbox's.
export RIGHTBRAIN_API_URL="$(head -n1 "$work/sandbox.out")"
echo "sandbox: $RIGHTBRAIN_API_URL (pid $sandbox_pid)"

echo; echo "== oauthctl validate examples/rightbrain"; "$oauthctl" validate examples/rightbrain
echo; echo "== oauthctl plan examples/rightbrain"; "$oauthctl" plan examples/rightbrain
echo; echo "== oauthctl apply examples/rightbrain --auto-approve --secrets-out $work/secrets.json"
"$oauthctl" apply examples/rightbrain --auto-approve --secrets-out "$work/secrets.json"
echo "(server-generated secrets were written to $work/secrets.json, mode $(stat -c %a "$work/secrets.json"))"
echo; echo "== oauthctl plan examples/rightbrain --detailed-exitcode   (expect: no changes, exit 0)"
"$oauthctl" plan examples/rightbrain --detailed-exitcode
echo "exit code: $?"
