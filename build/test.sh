#!/usr/bin/env bash
# Runs the whole test suite against a real RabbitMQ broker and a real PostgreSQL server and ends with one line:
# "N passed, N failed, N skipped".
#
#   build/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Receipt]
#
# Installs Debian's Chromium for the console's browser tests (build/chromium.sh) when it is missing.
# Starts the broker with build/rabbitmq.sh and the server with build/postgres.sh (installing them with apt when missing,
# one after the other; the two start side by side) and stops them afterwards, unless SWITCHYARD_RABBITMQ_PORT or
# SWITCHYARD_POSTGRES_PORT already points at a running one (source build/.rabbitmq/env or build/.postgres/env to reuse
# yours).
# Exit code: 0 when every test passed, 1 otherwise.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

output=$(mktemp)
broker=""
postgres=""
finish() {
  [ -n "$broker" ] && build/rabbitmq.sh stop >/dev/null 2>&1
  [ -n "$postgres" ] && build/postgres.sh stop >/dev/null 2>&1
  rm -f "$output"
}
trap finish EXIT

give_up() {
  echo "build/test.sh: $*" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

# apt takes one install at a time: Chromium (the console's browser tests) first, then the broker; then the broker
# starts while build/postgres.sh installs (when needed) and starts its server. Each is stopped at the end even when its
# start failed half-way.
build/chromium.sh install || give_up "could not install Chromium for the console's browser tests"
if [ -z "${SWITCHYARD_RABBITMQ_PORT:-}" ]; then
  build/rabbitmq.sh install || give_up "could not install the RabbitMQ broker"
  broker=yes
  build/rabbitmq.sh start >/dev/null &
  broker_start=$!
fi
if [ -z "${SWITCHYARD_POSTGRES_PORT:-}" ]; then
  postgres=yes
  build/postgres.sh start >/dev/null &
  postgres_start=$!
fi
if [ -n "$broker" ]; then
  wait "$broker_start" || broker=failed
fi
if [ -n "$postgres" ]; then
  wait "$postgres_start" || postgres=failed
fi
[ "$broker" = failed ] && give_up "the RabbitMQ broker did not start (see build/.rabbitmq/log)"
[ "$postgres" = failed ] && give_up "the PostgreSQL server did not start (see build/.postgres/postgres.log)"
if [ -n "$broker" ]; then
  # shellcheck disable=SC1091
  source build/.rabbitmq/env
fi
if [ -n "$postgres" ]; then
  # shellcheck disable=SC1091
  source "${SWITCHYARD_POSTGRES_DIR:-build/.postgres}/env"
fi

# The Amazon SQS transport needs packages not every package source holds (README: "The Amazon SQS transport"). Check,
# build without it when they are missing (saying so in one line), and record the answer for later plain builds.
amazon_sqs=true
if ! dotnet restore build/amazon-sqs-probe/AmazonSqsPackages.csproj -p:SwitchyardAmazonSqs=true -nologo -verbosity:quiet >"$output" 2>&1; then
  amazon_sqs=false
  missing=$(sed -nE -e 's/.*Unable to find package ([^ .][^ ]*[^ .])[ .].*/\1/p' -e 's/.* but ([^ ]+ [^ ]+) was not found.*/\1/p' "$output" |
    sort -u | paste -sd, - | sed 's/,/, /g')
  echo "build/test.sh: building without the Amazon SQS transport (SwitchyardAmazonSqs=false): the package source lacks ${missing:-what it needs (see dotnet restore build/amazon-sqs-probe -p:SwitchyardAmazonSqs=true)}"
fi
mkdir -p build/.amazon-sqs
printf '<Project>\n  <!-- Written by build/test.sh: whether the package source holds the Amazon SQS transport'"'"'s packages. -->\n  <PropertyGroup><SwitchyardAmazonSqs>%s</SwitchyardAmazonSqs></PropertyGroup>\n</Project>\n' \
  "$amazon_sqs" >build/.amazon-sqs/switch.props

dotnet build Solution.sln -nologo -clp:ErrorsOnly -p:SwitchyardAmazonSqs=$amazon_sqs || give_up "the build failed"

# A hung test host is killed (with a dump of what it was doing) instead of holding the run until CI's limit.
dotnet test Solution.sln --no-build -nologo --blame-hang-timeout 5m -p:SwitchyardAmazonSqs=$amazon_sqs "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    27, Skipped:     0, Total:    27, ..."
read -r passed failed skipped assemblies < <(
  grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$output" |
    sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
    awk '{ p += $1; f += $2; s += $3; n++ } END { printf "%d %d %d %d\n", p, f, s, n }')

# With --filter, an assembly without a matching test reports this line instead of a summary: it ran, and found nothing.
unmatched=$(grep -c '^No test matches the given testcase filter' "$output")
assemblies=$((assemblies + unmatched))

# Every test project builds with and without the SQS transport (Switchyard.AmazonSqs.Tests compiles its transport tests
# only with it, and reports them skipped without), so the count is the same either way.
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
