#!/usr/bin/env bash
# Issue 12's chaos run: 30 applies of 40 clients (server-generated secrets, sandbox answering each create
# 40 ms after carrying it out) killed at a random moment with SIGKILL, then 30 with SIGINT; after each,
# apply runs again and plan accounts for every secret. Prints one `chaos:` line per run and the totals.
# Bounded: about two minutes. Needs the toolchain and libyaml (scripts/test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
OAUTHCTL_CHAOS_RUNS="${OAUTHCTL_CHAOS_RUNS:-30}" swift test --skip-build --filter ChaosTests 2>&1 | grep -E '^chaos:|✘|Test run'
