#!/usr/bin/env bash
# A private PostgreSQL cluster for C U L8er's tests: its own data directory, listening on a free
# loopback port only, never touching the system's clusters. Uses Debian's `postgresql` package
# (installed by scripts/setup.sh). Idempotent and bounded in time; safe to run concurrently.
#
#   bash scripts/services/postgres.sh start    init if needed, start if stopped, ensure the test
#                                              role and database; prints url= and password-file=
#   bash scripts/services/postgres.sh status   prints url= and password-file= if running, else exits 1
#   bash scripts/services/postgres.sh stop     stops the cluster (the data is kept)
#
# Layout (CUL8ER_PG_HOME, default /var/tmp/cul8er-postgres):
#   data/           the cluster, owned by the `postgres` user when run as root
#   run/            its Unix socket (only its owner may connect through it, with trust)
#   port            the TCP port on 127.0.0.1, chosen free at first start
#   password        the test role's password, mode 0600; never printed
#   postgres.log    the server log
set -euo pipefail

HOME_DIR=${CUL8ER_PG_HOME:-/var/tmp/cul8er-postgres}
ROLE=cul8er_test
DATABASE=cul8er_test
START_TIMEOUT=60

log() { echo "postgres: $*" >&2; }
die() { echo "postgres: ERROR: $*" >&2; exit 1; }

bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL is not installed (run scripts/setup.sh: it installs Debian's postgresql package)"
    echo "$dir"
}

# Runs a PostgreSQL program as the cluster owner: `postgres` when we are root (the server refuses
# to run as root), ourselves otherwise.
# The script's lock (fd 9) is closed for them, so that a server they start does not keep it.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@" 9>&-
    else
        "$@" 9>&-
    fi
}

owner_dirs() {
    mkdir -p "$HOME_DIR/data" "$HOME_DIR/run"
    chmod 0755 "$HOME_DIR"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "the postgres user is missing (run scripts/setup.sh)"
        chown postgres:postgres "$HOME_DIR/data" "$HOME_DIR/run"
    fi
    chmod 0700 "$HOME_DIR/data" "$HOME_DIR/run"
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "found no free TCP port on 127.0.0.1 in 50 tries"
}

init_cluster() {
    local bin=$1
    [ -f "$HOME_DIR/data/PG_VERSION" ] && return
    log "initialising a private cluster in $HOME_DIR/data"
    owner_dirs
    as_owner "$bin/initdb" -D "$HOME_DIR/data" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 --username=postgres >"$HOME_DIR/initdb.log" 2>&1 \
        || die "initdb failed; see $HOME_DIR/initdb.log"
    free_port >"$HOME_DIR/port"
}

ensure_password() {
    if [ ! -s "$HOME_DIR/password" ]; then
        (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$HOME_DIR/password")
    fi
    chmod 0600 "$HOME_DIR/password"
}

running() {
    local bin=$1
    [ -f "$HOME_DIR/data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$HOME_DIR/data" >/dev/null 2>&1
}

start_cluster() {
    local bin=$1 port
    running "$bin" && return
    owner_dirs
    port=$(cat "$HOME_DIR/port")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        port=$(free_port)
        echo "$port" >"$HOME_DIR/port"
        log "the previous port is taken; using $port"
    fi
    touch "$HOME_DIR/postgres.log"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$HOME_DIR/postgres.log"
    log "starting on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" start -w -t "$START_TIMEOUT" -D "$HOME_DIR/data" -l "$HOME_DIR/postgres.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$HOME_DIR/run -c max_connections=200 -c fsync=off" \
        >/dev/null || die "the server did not start within ${START_TIMEOUT}s; see $HOME_DIR/postgres.log"
}

psql_admin() {
    local bin=$1; shift
    as_owner timeout 30 "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$HOME_DIR/run" -p "$(cat "$HOME_DIR/port")" \
        -U postgres -d postgres "$@"
}

ensure_role_and_database() {
    local bin=$1 password
    password=$(cat "$HOME_DIR/password")
    # The password reaches psql through a variable on standard input, never on a command line.
    psql_admin "$bin" -v "pw=$password" <<SQL
SELECT format('CREATE ROLE %I LOGIN', '$ROLE') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
ALTER ROLE $ROLE PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', '$DATABASE', '$ROLE') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DATABASE') \gexec
SQL
}

print_connection() {
    echo "url=jdbc:postgresql://127.0.0.1:$(cat "$HOME_DIR/port")/$DATABASE?user=$ROLE"
    echo "password-file=$HOME_DIR/password"
}

with_lock() {
    mkdir -p "$HOME_DIR"
    exec 9>"$HOME_DIR/.script.lock"
    timeout 120 flock 9 || die "another run of this script held $HOME_DIR/.script.lock for 120s"
}

cmd_start() {
    local bin
    bin=$(bin_dir)
    with_lock
    init_cluster "$bin"
    ensure_password
    start_cluster "$bin"
    ensure_role_and_database "$bin"
    print_connection
}

cmd_status() {
    local bin
    bin=$(bin_dir)
    running "$bin" || { log "not running"; exit 1; }
    print_connection
}

cmd_stop() {
    local bin
    bin=$(bin_dir)
    with_lock
    if running "$bin"; then
        as_owner "$bin/pg_ctl" stop -w -t "$START_TIMEOUT" -m fast -D "$HOME_DIR/data" >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

usage() { sed -n '2,11p' "$0" >&2; exit 2; }

case "${1:-}" in
    start) cmd_start ;;
    status) cmd_status ;;
    stop) cmd_stop ;;
    -h|--help|"") usage ;;
    *) echo "postgres: unknown subcommand '$1'" >&2; usage ;;
esac
