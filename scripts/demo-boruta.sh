#!/usr/bin/env bash
# The Boruta provider end to end: build oauthctl, start the built-in Boruta sandbox on loopback (it seeds
# Boruta's system clients and a client-credentials client for oauthctl), plan and apply examples/boruta,
# then plan again to show nothing is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/common.sh
oauthctl="$(release_build)"
work="$(mktemp -d)"
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT

start_sandbox "$oauthctl" "$work/sandbox.out" --type boruta
# ${BORUTA_ADMIN_URL} in the manifests: only OAUTHCTL_VAR_* variables (and --var / --var-file) are interpolated.
export OAUTHCTL_VAR_BORUTA_ADMIN_URL="$sandbox_url"
echo "sandbox: $OAUTHCTL_VAR_BORUTA_ADMIN_URL (pid $sandbox_pid)"

# The sandbox's seeded admin client (5ab0c11e-0000-4000-8000-000000000001) has this secret.
export BORUTA_ADMIN_CLIENT_SECRET=sandbox-admin-secret
export BILLING_SECRET="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo; echo "== oauthctl plan examples/boruta"; "$oauthctl" plan examples/boruta
echo; echo "== oauthctl apply examples/boruta --auto-approve --secrets-out $work/secrets.json"
"$oauthctl" apply examples/boruta --auto-approve --secrets-out "$work/secrets.json"
echo; echo "== oauthctl plan examples/boruta --detailed-exitcode --prune   (expect: no changes, exit 0; prune deletes nothing)"
"$oauthctl" plan examples/boruta --detailed-exitcode --prune
echo "exit code: $?"
