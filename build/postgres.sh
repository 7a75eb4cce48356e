#!/usr/bin/env bash
# A PostgreSQL server for tests and local runs: Debian's postgresql, as a cluster of its own on loopback, on a free
# port, with its data under build/.postgres (or $SWITCHYARD_POSTGRES_DIR), so it never touches a system cluster.
#
#   build/postgres.sh install   install postgresql with apt when it is missing
#   build/postgres.sh start     install if needed, start a fresh cluster, wait until ready, print the settings
#   build/postgres.sh stop      stop the server this script started and delete its data
#   build/postgres.sh status    say whether it runs, and where
#   build/postgres.sh env       print the connection settings of the running server (for eval / source)
#
# The settings are also written to $SWITCHYARD_POSTGRES_DIR/env:
#   SWITCHYARD_POSTGRES_HOST, SWITCHYARD_POSTGRES_PORT, SWITCHYARD_POSTGRES_USERNAME, SWITCHYARD_POSTGRES_PASSWORD.
# The user (switchyard, with a fresh random password each start) is the cluster's superuser: tests create and drop
# databases freely. The server runs as the current user; PostgreSQL refuses to run as root, so under root it runs as
# the 'postgres' user that Debian's package creates.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${SWITCHYARD_POSTGRES_DIR:-$root/build/.postgres}
start_timeout=${SWITCHYARD_POSTGRES_START_TIMEOUT:-60}
username=switchyard

say() { echo "postgres: $*" >&2; }
fail() { say "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "installing postgresql needs root or sudo: run 'apt-get install postgresql' as root"
  fi
}

# The newest server installed (Debian 12 ships 15, Debian 13 ships 17), e.g. /usr/lib/postgresql/15/bin.
server_bin() {
  local dir found=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && found=$dir
  done
  [ -n "$found" ] && echo "$found"
}

install_server() {
  server_bin >/dev/null && return 0
  say "installing postgresql with apt"
  # Debian creates and starts a system cluster on port 5432 after installing the package; this script runs a cluster
  # of its own on loopback instead, so keep the package's service from starting unless the machine already has a policy.
  local policy=/usr/sbin/policy-rc.d added=""
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added=yes
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || status=$?
  if [ $status = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null ||
      status=$?
  fi
  [ -n "$added" ] && as_root rm -f "$policy"
  [ $status = 0 ] || fail "apt-get could not install postgresql (exit $status)"
  server_bin >/dev/null || fail "postgresql installed but no initdb and pg_ctl under /usr/lib/postgresql/*/bin"
}

# Runs a server program as the cluster's owner: the current user, or 'postgres' under root (initdb, pg_ctl and the
# server all refuse root). From / so that the owner never needs access to the caller's directory.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@")
  else (cd / && "$@")
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  fail "found no free port"
}

# $state/cluster records where the running cluster lives: bin, data, sockets (its unix socket directory), log, port.
load_cluster() {
  [ -f "$state/cluster" ] || return 1
  # shellcheck disable=SC1091
  source "$state/cluster"
}

running() {
  ( load_cluster || exit 1
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) || exit 1
    kill -0 "$pid" 2>/dev/null && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 )
}

print_env() { cat "$state/env"; }

start_server() {
  install_server
  if running; then
    say "already running"
    print_env
    return 0
  fi
  [ -f "$state/cluster" ] && stop_server 2>/dev/null

  bin=$(server_bin)
  rm -rf "$state"
  mkdir -p "$state"
  port=$(free_port)

  # The data, the unix socket and the log live in $state, unless the cluster's owner cannot reach it (root runs the
  # server as 'postgres', which may not be able to enter a checkout under /root) or the socket's path would pass the
  # 107 bytes unix sockets allow: then in a directory of their own under /tmp, which stop deletes.
  local home=$state owner socket=$state/run/.s.PGSQL.$port
  owner=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the server as"
    owner=postgres
    chown postgres: "$state"
  fi
  if ! as_owner test -w "$state" 2>/dev/null || [ ${#socket} -gt 107 ]; then
    home=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-postgres.XXXXXX")
    [ "$owner" = postgres ] && chown postgres: "$home"
    chmod 755 "$home"
    say "the cluster lives in $home ($owner cannot use $state for it)"
  fi
  data=$home/data
  sockets=$home/run
  log=$home/postgres.log
  cat > "$state/cluster" <<EOF
bin=$bin
home=$home
data=$data
sockets=$sockets
log=$log
port=$port
EOF

  local password pwfile
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  pwfile=$home/password
  as_owner sh -c "umask 077 && mkdir -p '$sockets' && printf '%s\n' '$password' > '$pwfile'"

  # --no-sync: the cluster is recreated on every start, so nothing needs to reach the disk.
  # C locale with UTF-8: no dependency on the machine's locales, and byte order is the same everywhere.
  say "creating a cluster with $bin/initdb (owner $owner)"
  if ! as_owner "$bin/initdb" -D "$data" -U "$username" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C --no-sync --no-instructions > "$home/initdb.log" 2>&1; then
    tail -n 30 "$home/initdb.log" >&2 || true
    fail "initdb failed; its output is in $home/initdb.log"
  fi
  as_owner rm -f "$pwfile"

  # Only password logins over TCP. The unix socket (trust) sits in a directory only the owner can enter.
  as_owner sh -c "cat > '$data/pg_hba.conf'" <<EOF
local all all trust
host all all 127.0.0.1/32 scram-sha-256
EOF
  as_owner sh -c "cat >> '$data/postgresql.conf'" <<EOF

# build/postgres.sh: a throwaway cluster for tests, on loopback only.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockets'
unix_socket_permissions = 0700
# Several test assemblies run at once, each with its own connection pools.
max_connections = 200
# Test data is worth nothing after the run, and start always creates a new cluster: never wait for the disk. After a
# crash of the machine the cluster may be corrupt, which does not matter here; never use these settings for real data.
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
# Test queries are small: compiling them would only cost time.
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF

  say "starting on 127.0.0.1:$port"
  if ! as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t "$start_timeout" -s > /dev/null 2>&1; then
    tail -n 30 "$log" >&2 || true
    fail "the server did not start within ${start_timeout}s; its log is $log"
  fi
  local deadline=$((SECONDS + start_timeout))
  until running; do
    [ $SECONDS -lt $deadline ] ||
      fail "the server did not answer on 127.0.0.1:$port within ${start_timeout}s; its log is $log"
    sleep 0.2
  done

  ( umask 077
    cat > "$state/env" <<EOF
export SWITCHYARD_POSTGRES_HOST=127.0.0.1
export SWITCHYARD_POSTGRES_PORT=$port
export SWITCHYARD_POSTGRES_USERNAME=$username
export SWITCHYARD_POSTGRES_PASSWORD=$password
EOF
  )
  say "ready"
  print_env
}

stop_server() {
  if ! load_cluster; then
    say "not running"
    return 0
  fi
  if [ -f "$data/postmaster.pid" ]; then
    # fast: disconnect the clients and stop; immediate when that hangs. The data is deleted below either way.
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w -t 30 -s >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" stop -D "$data" -m immediate -w -t 10 -s >/dev/null 2>&1 || true
    local pid
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$data" "$sockets"
  # A cluster kept outside $state (see start) goes entirely, its log copied to $state first: the log stays for a look
  # after the run.
  if [ "$home" != "$state" ]; then
    cp "$log" "$state/postgres.log" 2>/dev/null || true
    rm -rf "$home"
  fi
  rm -f "$state/cluster" "$state/env"
  say "stopped"
}

case "${1:-}" in
  install) install_server ;;
  start) start_server ;;
  stop) stop_server ;;
  status)
    if running; then say "running"; print_env; else say "not running"; exit 1; fi ;;
  env)
    running || fail "not running: start it with build/postgres.sh start"
    print_env ;;
  *)
    echo "usage: build/postgres.sh install|start|stop|status|env" >&2
    exit 2 ;;
esac
