#!/usr/bin/env bash
# The main job, end to end on a fresh Debian machine: build oauthctl, start the built-in Hydra
# sandbox on loopback, plan and apply examples/hydra, then plan again to show nothing is left to do.
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

# Start the sandbox on a free port; its first line of output is the base URL.
"$oauthctl" sandbox --type hydra --listen 127.0.0.1:0 >"$work/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 50); do [ -s "$work/sandbox.out" ] && break; sleep 0.1; done
export HYDRA_ADMIN_URL="$(head -n1 "$work/sandbox.out")"
echo "sandbox: $HYDRA_ADMIN_URL (pid $sandbox_pid)"

# The examples' secrets come from the environment (in real use: your CI's secret store).
export BILLING_WEB_SECRET="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PORTAL_SECRET="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo; echo "== oauthctl validate examples/hydra"; "$oauthctl" validate examples/hydra
echo; echo "== oauthctl plan examples/hydra"; "$oauthctl" plan examples/hydra
echo; echo "== oauthctl apply examples/hydra --auto-approve --secrets-out $work/secrets.json"
"$oauthctl" apply examples/hydra --auto-approve --secrets-out "$work/secrets.json"
echo "(server-generated secrets were written to $work/secrets.json, mode $(stat -c %a "$work/secrets.json"))"
echo; echo "== oauthctl plan examples/hydra --detailed-exitcode   (expect: no changes, exit 0)"
"$oauthctl" plan examples/hydra --detailed-exitcode
echo "exit code: $?"
