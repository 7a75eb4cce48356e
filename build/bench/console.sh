#!/usr/bin/env bash
# Console benchmark (not a test): each page of the console rendered with 10,000 delivery attempts, 1,000 failed
# messages and 1,000 deals in the stores, fetched one at a time by a signed-in operator. Prints p50/p95/max per page
# and its p95 as a ratio to a baseline measured on the same server in the same run (the sign-in page, fetched before
# each of the page's requests), and exits non-zero when a page's p95 is 200 ms or more.
#
#   build/bench/console.sh [--samples 100] [--warmup 10] [--deliveries 10000] [--failed 1000] [--deals 1000]
#
# One process on the in-memory transport, as AllInOne runs: the dispatcher and the console (its API called over loopback).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build build/bench/Switchyard.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
exec dotnet build/bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll console "$@"
