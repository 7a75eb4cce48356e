#!/usr/bin/env bash
# Receipt benchmark (not a test): the receipt on the in-memory transport against a bare Kestrel endpoint, in one run,
# with signed HubSpot batches of 1 and of 100 events. Prints requests/s, events/s, p50/p99 latency and the ratio
# receipt / bare Kestrel, then the same at half the receipt's saturating rate.
#
#   build/bench/receipt.sh [--seconds 5] [--rounds 3] [--concurrency 32] [--quick]
#
# --quick runs only the single-event saturation pair, to compare a change quickly.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build build/bench/Switchyard.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
exec dotnet build/bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll receipt "$@"
