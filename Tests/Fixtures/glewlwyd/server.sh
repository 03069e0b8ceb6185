#!/usr/bin/env bash
# server.sh - a throw-away Glewlwyd (Debian package) on a free loopback port, for oauthctl's tests.
#
#   server.sh up      start one; prints KEY=VALUE lines on stdout (also in $GLWD_DIR/env):
#                     GLWD_DIR GLWD_PID GLWD_URL GLWD_API GLWD_API_KEY GLWD_OIDC_ISSUER
#   server.sh down DIR  stop the instance started in DIR (by its recorded PID) and remove DIR
#
# What 'up' does: a temp dir; the packaged SQLite init script; the client module's data-format gains
# the ownership-marker property (GLWD_MARKER_PROPERTY, default 'oauthctl'; empty = leave it out, to test a
# server without it); a config bound to 127.0.0.1 on a free port (never 4593, the packaged service's);
# start glewlwyd and record its PID; admin login -> API key; an OIDC plugin instance named 'oidc' (RS256)
# with client_credentials, code and PKCE enabled; the admin user gets the 'openid' scope so the
# authorization-code flow can run headless.
# Knobs: GLWD_PORT (default: a free one), GLWD_CLIENT_PBKDF2_ITERATIONS, GLWD_LOG_LEVEL (default ERROR).
# Facts behind each step: shared/reference/glewlwyd.md. Needs glewlwyd, curl, openssl, sqlite3 or python3.
set -euo pipefail

MARKER="${GLWD_MARKER_PROPERTY-oauthctl}"
LOG_LEVEL="${GLWD_LOG_LEVEL:-ERROR}"
ADMIN_USER=admin
ADMIN_PASSWORD=password   # what the packaged init SQL creates

log() { printf '[glewlwyd-fixture] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port i
    for i in $(seq 1 50); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        [ "$port" = 4593 ] && continue
        port_busy "$port" || { echo "$port"; return; }
    done
    die "no free loopback port found"
}

sql_exec() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 -bail "$1"
    else
        python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.commit()' "$1"
    fi
}

init_sql() {
    local f
    for f in /usr/share/dbconfig-common/data/glewlwyd/install/sqlite3 /usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz; do
        [ -s "$f" ] && { echo "$f"; return; }
    done
    die "the SQLite init script of the glewlwyd package is missing"
}

# One admin API call with the key; fails loudly on an unexpected status.
admin() {
    local method="$1" path="$2" body="${3:-}" out code
    out="$GLWD_DIR/last-response"
    code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: token $KEY" \
        -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "$API$path")
    [ "$code" = 200 ] || die "$method $path: HTTP $code $(head -c 300 "$out")"
}

start_once() {
    PORT="${GLWD_PORT:-$(free_port)}"
    BASE="http://127.0.0.1:$PORT"
    API="$BASE/api"
    cat > "$GLWD_DIR/glewlwyd.conf" <<CONF
port=$PORT
bind_address="127.0.0.1"
external_url="$BASE"
api_prefix="api"
log_mode="file"
log_level="$LOG_LEVEL"
log_file="$GLWD_DIR/glewlwyd.log"
cookie_secure=0
admin_session_authentication="cookie,api_key"
profile_session_authentication="cookie"
login_api_enabled=true
session_expiration=86400
admin_scope="g_admin"
profile_scope="g_profile"
user_module_path="/usr/lib/glewlwyd/user"
client_module_path="/usr/lib/glewlwyd/client"
user_auth_scheme_module_path="/usr/lib/glewlwyd/scheme"
plugin_module_path="/usr/lib/glewlwyd/plugin"
hash_algorithm="SHA512"
database = { type = "sqlite3" path = "$GLWD_DIR/glewlwyd.sqlite3" };
CONF
    # Close every inherited descriptor above 2 first: a caller (Foundation's Process) may detect our
    # exit by a socket that a long-lived child would otherwise keep open.
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec glewlwyd --config-file="$GLWD_DIR/glewlwyd.conf" >"$GLWD_DIR/stdout.log" 2>&1 </dev/null
    ) &
    PID=$!
    echo "$PID" > "$GLWD_DIR/glewlwyd.pid"
    local i code=000
    for i in $(seq 1 400); do
        kill -0 "$PID" 2>/dev/null || return 1
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/config" || true)
        [ "$code" = 200 ] && return 0
        sleep 0.05
    done
    kill -TERM "$PID" 2>/dev/null || true
    die "glewlwyd pid $PID not ready on $BASE after 20 s"
}

cmd_up() {
    command -v glewlwyd >/dev/null || die "glewlwyd is not installed (apt-get install -y glewlwyd; scripts/test.sh does it)"
    command -v curl >/dev/null || die "curl is not installed"
    command -v openssl >/dev/null || die "openssl is not installed"
    GLWD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/oauthctl-glewlwyd.XXXXXX")"
    local db="$GLWD_DIR/glewlwyd.sqlite3" init
    init="$(init_sql)"
    case "$init" in *.gz) zcat "$init" | sql_exec "$db" ;; *) sql_exec "$db" < "$init" ;; esac
    # The data-format is read at start, so declaring the marker here needs no module reset.
    if [ -n "$MARKER" ]; then
        sql_exec "$db" <<SQL
UPDATE g_client_module_instance
   SET gcmi_parameters = json_set(gcmi_parameters, '\$."data-format"."$MARKER"', json('{"multiple":false,"read":true,"write":true}'))
 WHERE gcmi_name = 'database';
SQL
    fi
    if [ -n "${GLWD_CLIENT_PBKDF2_ITERATIONS:-}" ]; then
        sql_exec "$db" <<SQL
UPDATE g_client_module_instance
   SET gcmi_parameters = json_set(gcmi_parameters, '\$."pbkdf2-iterations"', ${GLWD_CLIENT_PBKDF2_ITERATIONS})
 WHERE gcmi_name = 'database';
SQL
    fi
    # A port picked as free can be taken before glewlwyd binds it: retry a few times.
    local attempt
    for attempt in 1 2 3 4 5; do
        start_once && break
        [ -n "${GLWD_PORT:-}" ] || [ "$attempt" = 5 ] && { cat "$GLWD_DIR/stdout.log" "$GLWD_DIR/glewlwyd.log" >&2 2>/dev/null || true; die "glewlwyd exited during startup"; }
    done

    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$GLWD_DIR/admin.cookies" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASSWORD\"}" "$API/auth/")
    [ "$code" = 200 ] || die "admin login failed (HTTP $code)"
    KEY=$(curl -s -f -b "$GLWD_DIR/admin.cookies" -X POST "$API/key/" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
    [ -n "$KEY" ] || die "could not create an API key"

    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$GLWD_DIR/oidc.key" 2>/dev/null
    openssl pkey -in "$GLWD_DIR/oidc.key" -pubout -out "$GLWD_DIR/oidc.pub"
    local key_json cert_json issuer="$API/oidc"
    key_json=$(awk '{printf "%s\\n", $0}' "$GLWD_DIR/oidc.key")
    cert_json=$(awk '{printf "%s\\n", $0}' "$GLWD_DIR/oidc.pub")
    admin POST /mod/plugin/ "{\"module\":\"oidc\",\"name\":\"oidc\",\"display_name\":\"OpenID Connect\",\"enabled\":true,
 \"parameters\":{\"iss\":\"$issuer\",\"jwt-type\":\"rsa\",\"jwt-key-size\":\"256\",\"key\":\"$key_json\",\"cert\":\"$cert_json\",
  \"access-token-duration\":3600,\"refresh-token-duration\":1209600,\"code-duration\":600,
  \"refresh-token-rolling\":true,\"allow-non-oidc\":true,
  \"auth-type-code-enabled\":true,\"auth-type-token-enabled\":true,\"auth-type-none-enabled\":true,
  \"auth-type-password-enabled\":false,\"auth-type-client-enabled\":true,
  \"auth-type-refresh-enabled\":true,\"auth-type-device-enabled\":false,
  \"pkce-allowed\":true,\"pkce-method-plain-allowed\":false,
  \"introspection-revocation-allowed\":true,\"introspection-revocation-allow-target-client\":true}}"
    # The resource owner of the headless authorization-code flow must hold the requested scope.
    admin PUT /user/admin '{"scope":["g_admin","g_profile","openid"]}'
    code=$(curl -s -o /dev/null -w '%{http_code}' "$issuer/.well-known/openid-configuration")
    [ "$code" = 200 ] || die "OIDC discovery not answering (HTTP $code)"

    cat > "$GLWD_DIR/env" <<ENV
GLWD_DIR=$GLWD_DIR
GLWD_PID=$PID
GLWD_URL=$BASE
GLWD_API=$API
GLWD_API_KEY=$KEY
GLWD_OIDC_ISSUER=$issuer
ENV
    cat "$GLWD_DIR/env"
}

cmd_down() {
    local dir="${1:?usage: server.sh down DIR}" pid i
    dir="${dir%/}"
    [ -f "$dir/glewlwyd.pid" ] || die "no $dir/glewlwyd.pid"
    pid=$(cat "$dir/glewlwyd.pid")
    # Only the process we started: same PID and our config file on its command line.
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--config-file=$dir/"; then
        kill -TERM "$pid"
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && break
            sleep 0.05
        done
        kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && kill -KILL "$pid"
    fi
    [ "${GLWD_KEEP_DIR:-0}" = 1 ] || rm -rf -- "$dir"
}

case "${1:-}" in
    up) cmd_up ;;
    down) shift; cmd_down "$@" ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
