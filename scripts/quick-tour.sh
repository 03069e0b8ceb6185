#!/usr/bin/env bash
# Runs the README's quick tour (every ```sh block of its "## A quick tour" section), top to bottom, against
# the Hydra sandbox, and checks each command's exit code: 0, unless its comment says `exit N:`.
# In a scratch folder holding a copy of examples/, so nothing in the repository is written.
# OAUTHCTL: the binary to run (default: a release build). Run by the test suite (QuickTourTests).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${OAUTHCTL:-}" ]; then
    source "$repo/scripts/lib/common.sh"
    OAUTHCTL="$(cd "$repo" && release_build)"
fi
work="$(mktemp -d)"
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/tour"
ln -s "$OAUTHCTL" "$work/bin/oauthctl"
cp -R "$repo/examples" "$work/tour/examples"
export PATH="$work/bin:$PATH"
# Only what the tour sets: no inherited OAUTHCTL_VAR_* or secrets.
unset OAUTHCTL_VAR_HYDRA_ADMIN_URL BILLING_WEB_SECRET PORTAL_SECRET

# The tour's lines: the ```sh blocks between "## A quick tour" and the next "## " heading.
mapfile -t lines < <(awk '/^## A quick tour/{t=1; next} /^## /{t=0} t && /^```sh/{b=1; next} t && /^```/{b=0; next} t && b' "$repo/README.md")
[ "${#lines[@]}" -ge 10 ] || { echo "quick-tour: found only ${#lines[@]} lines in README.md's quick tour" >&2; exit 1; }

cd "$work/tour"
example_url="http://127.0.0.1:41234"
count=0
for line in "${lines[@]}"; do
    [ -z "${line// }" ] && continue
    command="${line%%  #*}"          # the command, without its comment (two spaces, then '#')
    command="${command%"${command##*[! ]}"}"
    comment=""
    [ "$command" != "$line" ] && comment="${line#*  #}"
    expected=0
    if [[ "$comment" =~ exit\ ([0-9]+): ]]; then expected="${BASH_REMATCH[1]}"; fi
    command="${command//=.../=tour-secret-$RANDOM$RANDOM}"   # `export X=... Y=...`: placeholder values
    if [ -n "${sandbox_url:-}" ]; then command="${command//$example_url/$sandbox_url}"; fi
    count=$((count + 1))
    echo "== $command"
    if [[ "$command" == *"&" ]]; then
        # The sandbox, in the background: its first line is the base URL that the next lines use.
        eval "${command%&} > '$work/sandbox.out' &"
        sandbox_pid=$!
        for _ in $(seq 100); do [ -s "$work/sandbox.out" ] && break; sleep 0.1; done
        sandbox_url="$(head -n1 "$work/sandbox.out")"
        [[ "$sandbox_url" == http://127.0.0.1:* ]] || { echo "quick-tour: the sandbox printed no URL" >&2; exit 1; }
        continue
    fi
    set +e
    eval "$command" > "$work/out" 2>&1
    status=$?
    set -e
    if [ "$status" != "$expected" ]; then
        cat "$work/out"
        echo "quick-tour: '$command' exited $status; the README says $expected" >&2
        exit 1
    fi
done
[ -n "$sandbox_pid" ] || { echo "quick-tour: the tour never started the sandbox" >&2; exit 1; }
echo "quick tour: $count commands, every exit code as the README says"
