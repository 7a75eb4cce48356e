#!/usr/bin/env bash
# A RabbitMQ broker for tests and local runs: Debian's rabbitmq-server, on loopback, on free ports, with its own node
# name and data under build/.rabbitmq (or $SWITCHYARD_RABBITMQ_DIR), so it never touches a system broker.
#
#   build/rabbitmq.sh install   install rabbitmq-server with apt when it is missing
#   build/rabbitmq.sh start     install if needed, start, wait until ready, print the connection settings
#   build/rabbitmq.sh stop      stop the broker this script started
#   build/rabbitmq.sh status    say whether it runs, and where
#   build/rabbitmq.sh env       print the connection settings of the running broker (for eval / source)
#
# The settings are also written to $SWITCHYARD_RABBITMQ_DIR/env:
#   SWITCHYARD_RABBITMQ_HOST, SWITCHYARD_RABBITMQ_PORT (AMQP), SWITCHYARD_RABBITMQ_MANAGEMENT_PORT (HTTP API),
#   SWITCHYARD_RABBITMQ_USERNAME, SWITCHYARD_RABBITMQ_PASSWORD.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${SWITCHYARD_RABBITMQ_DIR:-$root/build/.rabbitmq}
bin=/usr/lib/rabbitmq/bin
start_timeout=${SWITCHYARD_RABBITMQ_START_TIMEOUT:-90}

say() { echo "rabbitmq: $*" >&2; }
fail() { say "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "installing rabbitmq-server needs root or sudo: run 'apt-get install rabbitmq-server' as root"
  fi
}

install_broker() {
  [ -x "$bin/rabbitmq-server" ] && return 0
  say "installing rabbitmq-server with apt"
  # Debian starts the system broker on every interface after installing it; this script runs its own node on
  # loopback instead, so keep the package's service from starting unless the machine already has a policy.
  local policy=/usr/sbin/policy-rc.d added=""
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added=yes
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || status=$?
  if [ $status = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null || status=$?
  fi
  [ -n "$added" ] && as_root rm -f "$policy"
  [ $status = 0 ] || fail "apt-get could not install rabbitmq-server (exit $status)"
  [ -x "$bin/rabbitmq-server" ] || fail "rabbitmq-server installed but $bin/rabbitmq-server is missing"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port taken
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    taken=""
    for used in "$@"; do [ "$used" = "$port" ] && taken=yes; done
    [ -z "$taken" ] && ! port_in_use "$port" && { echo "$port"; return 0; }
  done
  fail "found no free port"
}

node_env() {
  # shellcheck disable=SC1091
  source "$state/node"
  export RABBITMQ_NODENAME="$node" RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_CONFIG_FILE="$state/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$state/mnesia" RABBITMQ_LOG_BASE="$state/log" RABBITMQ_PID_FILE="$state/rabbitmq.pid" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$state/advanced.config" HOME="$state/home" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

running() {
  [ -f "$state/node" ] || return 1
  ( node_env; "$bin/rabbitmqctl" -q -n "$node" ping >/dev/null 2>&1 )
}

print_env() { cat "$state/env"; }

start_broker() {
  install_broker
  if running; then
    say "already running"
    print_env
    return 0
  fi

  rm -rf "$state"
  mkdir -p "$state/home" "$state/mnesia" "$state/log"
  chmod 700 "$state/home"

  local amqp management dist
  amqp=$(free_port)
  management=$(free_port "$amqp")
  dist=$(free_port "$amqp" "$management")

  cat > "$state/node" <<EOF
node=switchyard-$amqp@localhost
dist_port=$dist
EOF
  cat > "$state/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
log.console = false
log.file.level = warning
EOF
  echo '[rabbitmq_management].' > "$state/enabled_plugins"
  echo '[].' > "$state/advanced.config"
  cat > "$state/env" <<EOF
export SWITCHYARD_RABBITMQ_HOST=127.0.0.1
export SWITCHYARD_RABBITMQ_PORT=$amqp
export SWITCHYARD_RABBITMQ_MANAGEMENT_PORT=$management
export SWITCHYARD_RABBITMQ_USERNAME=guest
export SWITCHYARD_RABBITMQ_PASSWORD=guest
EOF

  (
    node_env
    nohup "$bin/rabbitmq-server" > "$state/log/server.out" 2>&1 &
    echo $! > "$state/server.pid"
  )

  say "starting node switchyard-$amqp@localhost on 127.0.0.1:$amqp (management $management)"
  local deadline=$((SECONDS + start_timeout))
  until running; do
    if ! kill -0 "$(cat "$state/server.pid")" 2>/dev/null; then
      tail -n 30 "$state/log/server.out" >&2 || true
      fail "the broker exited while starting; its output is in $state/log"
    fi
    [ $SECONDS -lt $deadline ] || fail "the broker did not answer within ${start_timeout}s; its logs are in $state/log"
    sleep 0.5
  done
  ( node_env; "$bin/rabbitmqctl" -q -n "$node" await_startup --timeout "$start_timeout" >/dev/null )
  until port_in_use "$amqp" && port_in_use "$management"; do
    [ $SECONDS -lt $deadline ] || fail "the broker's ports did not open within ${start_timeout}s"
    sleep 0.2
  done
  say "ready"
  print_env
}

stop_broker() {
  if [ ! -f "$state/node" ]; then
    say "not running"
    return 0
  fi
  ( node_env; "$bin/rabbitmqctl" -q -n "$node" stop >/dev/null 2>&1 ) || true
  if [ -f "$state/server.pid" ]; then
    local pid deadline=$((SECONDS + 30))
    pid=$(cat "$state/server.pid")
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$state/node" "$state/env" "$state/server.pid"
  say "stopped"
}

case "${1:-}" in
  install) install_broker ;;
  start) start_broker ;;
  stop) stop_broker ;;
  status)
    if running; then say "running"; print_env; else say "not running"; exit 1; fi ;;
  env)
    running || fail "not running: start it with build/rabbitmq.sh start"
    print_env ;;
  *)
    echo "usage: build/rabbitmq.sh install|start|stop|status|env" >&2
    exit 2 ;;
esac
