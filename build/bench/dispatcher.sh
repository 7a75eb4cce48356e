#!/usr/bin/env bash
# Dispatcher benchmark (not a test): events/s through the whole pipeline on RabbitMQ (POST /events → receipt → fan-out
# → delivery → a fast local subscriber) and through a bare MassTransit publish → consume of the same payload on the
# same broker, in one run. Prints both, their ratio, and p50/p95 latency from send to arrival.
#
#   build/bench/dispatcher.sh [--events 5000] [--rounds 5] [--senders 8] [--warmup 2000] [--timeout 120]
#
# Uses the broker that SWITCHYARD_RABBITMQ_PORT points at, or the running build/rabbitmq.sh broker; otherwise starts
# one with build/rabbitmq.sh and stops it afterwards. Ends non-zero with one line when something fails.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1
state=${SWITCHYARD_RABBITMQ_DIR:-$root/build/.rabbitmq}

log=$(mktemp)
started=""
finish() {
  [ -n "$started" ] && build/rabbitmq.sh stop >/dev/null 2>&1
  rm -f "$log"
}
trap finish EXIT

give_up() {
  echo "build/bench/dispatcher.sh: $*" >&2
  exit 1
}

if [ -z "${SWITCHYARD_RABBITMQ_PORT:-}" ]; then
  if ! build/rabbitmq.sh status >/dev/null 2>&1; then
    started=yes
    build/rabbitmq.sh start >/dev/null 2>"$log" ||
      give_up "the RabbitMQ broker did not start: $(grep -v ': starting node' "$log" | tail -n 1 | sed 's/^rabbitmq: //')"
  fi
  # shellcheck disable=SC1091
  source "$state/env" || give_up "$state/env is missing although the broker runs"
fi

dotnet build build/bench/Switchyard.Bench -c Release -nologo -clp:ErrorsOnly >"$log" 2>&1 || {
  cat "$log" >&2
  give_up "the Release build of build/bench/Switchyard.Bench failed"
}

dotnet build/bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll dispatch "$@"
