#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what it needs, builds, tests.
# This is the README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: libyaml (the YAML parser we link), curl (scripts). Installed only when missing.
missing=()
pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev pkg-config)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

swift build --build-tests
swift test --skip-build
