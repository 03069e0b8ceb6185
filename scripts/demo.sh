#!/usr/bin/env bash
# The main job, end to end on a fresh Debian machine: build oauthctl, start the built-in Hydra
# sandbox on loopback, plan and apply examples/hydra, then plan again to show nothing is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/common.sh
oauthctl="$(release_build)"
work="$(mktemp -d)"
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT

# Start the sandbox on a free port; its first line of output is the base URL.
start_sandbox "$oauthctl" "$work/sandbox.out" --type hydra
# ${HYDRA_ADMIN_URL} in the manifests: only OAUTHCTL_VAR_* variables (and --var / --var-file) are interpolated.
export OAUTHCTL_VAR_HYDRA_ADMIN_URL="$sandbox_url"
echo "sandbox: $OAUTHCTL_VAR_HYDRA_ADMIN_URL (pid $sandbox_pid)"

# The examples' secrets come from the environment through {from_env: ...} references (in real use: your
# CI's secret store); plain variables like these are never interpolated into ${...}.
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
