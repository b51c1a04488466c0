#!/usr/bin/env bash
# The main job. Until `matcher serve` exists it runs the ring's benchmarks in short
# mode: the ping-pong latency harness, then the one-producer/one-consumer throughput
# benchmark beside its System.Threading.Channels baseline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
. scripts/prerequisites.sh
ensure_dotnet

dotnet build bench/Matcher.Bench -c Release -nologo -clp:ErrorsOnly
dotnet bench/Matcher.Bench/bin/Release/net10.0/Matcher.Bench.dll pingpong --seconds 5 --warmup 1
dotnet bench/Matcher.Bench/bin/Release/net10.0/Matcher.Bench.dll --filter '*OneToOneBenchmarks*' --job short
