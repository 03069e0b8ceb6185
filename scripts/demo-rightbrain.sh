#!/usr/bin/env bash
# Rightbrain end to end on a fresh Debian machine: build oauthctl, start the built-in Rightbrain sandbox
# on loopback (bearer token required), plan and apply examples/rightbrain, then plan again (no changes).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/common.sh
oauthctl="$(release_build)"
work="$(mktemp -d)"
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT

# The token the sandbox demands (in real use: a Rightbrain API key or access token from your secret store).
export RIGHTBRAIN_TOKEN="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_sandbox "$oauthctl" "$work/sandbox.out" --type rightbrain --token "$RIGHTBRAIN_TOKEN"
# The first line is the API base URL (it ends in /api/v1); org and project ids default to the sandbox's.
# ${RIGHTBRAIN_API_URL} in the manifests: only OAUTHCTL_VAR_* variables (and --var / --var-file) are interpolated.
export OAUTHCTL_VAR_RIGHTBRAIN_API_URL="$sandbox_url"
echo "sandbox: $OAUTHCTL_VAR_RIGHTBRAIN_API_URL (pid $sandbox_pid)"

echo; echo "== oauthctl validate examples/rightbrain"; "$oauthctl" validate examples/rightbrain
echo; echo "== oauthctl plan examples/rightbrain"; "$oauthctl" plan examples/rightbrain
echo; echo "== oauthctl apply examples/rightbrain --auto-approve --secrets-out $work/secrets.json"
"$oauthctl" apply examples/rightbrain --auto-approve --secrets-out "$work/secrets.json"
echo "(server-generated secrets were written to $work/secrets.json, mode $(stat -c %a "$work/secrets.json"))"
echo; echo "== oauthctl plan examples/rightbrain --detailed-exitcode   (expect: no changes, exit 0)"
"$oauthctl" plan examples/rightbrain --detailed-exitcode
echo "exit code: $?"
