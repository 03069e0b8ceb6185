#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what it needs, builds, tests.
# This is the README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: libyaml (the YAML parser we link), curl (scripts), and the real Glewlwyd server the
# integration tests start themselves (Tests/Fixtures/glewlwyd/server.sh: glewlwyd, openssl, sqlite3), and gpg.
# Installed only when missing.
missing=()
pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev pkg-config)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/glewlwyd ] || missing+=(glewlwyd)
command -v openssl >/dev/null || missing+=(openssl)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v gpg >/dev/null || missing+=(gnupg)   # apply --pgp-key and its tests
# zsh: the completion test parses the generated zsh script with 'zsh -n'. python3: the schema test
# validates the examples against schemas/ with an independent validator (jsonschema, from PyPI below).
command -v zsh >/dev/null || missing+=(zsh)
command -v python3 >/dev/null || missing+=(python3 python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
    # The glewlwyd package enables a service on port 4593 (all interfaces); keep apt from starting it.
    # A policy-rc.d that we create is removed afterwards; an existing one is left alone.
    policy=/usr/sbin/policy-rc.d
    ours=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && ours=1
    fi
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    [ "$ours" = 1 ] && as_root rm -f "$policy"
    # Under systemd the service may still have been enabled and started: stop and disable it.
    if command -v systemctl >/dev/null && systemctl is-active --quiet glewlwyd 2>/dev/null; then
        as_root systemctl disable --now glewlwyd || true
    fi
fi
[ -x /usr/bin/glewlwyd ] || { echo "error: glewlwyd could not be installed; the Glewlwyd integration tests need it" >&2; exit 1; }

# jsonschema (PyPI): an independent JSON Schema validator for the committed schemas.
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    python3 -m pip install --quiet jsonschema || python3 -m pip install --quiet --break-system-packages jsonschema
fi

# Style: the toolchain's swift-format with the repository's .swift-format; any finding fails the run.
swift format lint --strict --recursive --parallel Package.swift Sources Tests

swift build --build-tests
swift test --skip-build
