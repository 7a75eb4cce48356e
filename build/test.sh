#!/usr/bin/env bash
# Runs the whole test suite against a real RabbitMQ broker and ends with one line: "N passed, N failed, N skipped".
#
#   build/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Receipt]
#
# Starts the broker with build/rabbitmq.sh (installing it with apt when missing) and stops it afterwards, unless
# SWITCHYARD_RABBITMQ_PORT already points at a running one (source build/.rabbitmq/env to reuse yours).
# Exit code: 0 when every test passed, 1 otherwise.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

output=$(mktemp)
started=""
finish() {
  [ -n "$started" ] && build/rabbitmq.sh stop >/dev/null 2>&1
  rm -f "$output"
}
trap finish EXIT

give_up() {
  echo "build/test.sh: $*" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

if [ -z "${SWITCHYARD_RABBITMQ_PORT:-}" ]; then
  build/rabbitmq.sh start >/dev/null || give_up "the RabbitMQ broker did not start (see build/.rabbitmq/log)"
  started=yes
  # shellcheck disable=SC1091
  source build/.rabbitmq/env
fi

dotnet build Solution.sln -nologo -clp:ErrorsOnly || give_up "the build failed"

# A hung test host is killed (with a dump of what it was doing) instead of holding the run until CI's limit.
dotnet test Solution.sln --no-build -nologo --blame-hang-timeout 5m "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    27, Skipped:     0, Total:    27, ..."
read -r passed failed skipped assemblies < <(
  grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$output" |
    sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
    awk '{ p += $1; f += $2; s += $3; n++ } END { printf "%d %d %d %d\n", p, f, s, n }')

expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  echo "build/test.sh: only $assemblies of $expected test assemblies reported a result; counting each missing one as a failure" >&2
  failed=$((failed + expected - assemblies))
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "build/test.sh: dotnet test exited with $status although no test failed; counting that as a failure" >&2
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
