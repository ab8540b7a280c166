#!/usr/bin/env bash
# Benchmark (issue 5): 200 HTTP smoke checks run in parallel by the engine's SmokeCheckRun against a local
# in-process server (com.sun.net.httpserver on 127.0.0.1) that answers every request after a fixed delay; the total
# wall time of the run against a lone check run on its own (the named peer; issue 11's target: total within 1.3x
# with the default settings) and against the slowest single check of the run (the largest result millis). Each
# parallelism configuration is measured in the same JVM, interleaved per iteration ("default" = the runner's default, as SmokeChecks.from builds the run).
# --server nio swaps the server for one with no thread per request (one selector thread, answers released by a timer
# at arrival + delay), to tell the server's share from the client's; --parallelism jdk is a calibration with the JDK
# HttpClient alone (no engine), --parallelism nio one with plain non-blocking NIO (one selector
# thread, no engine, no JDK client: the floor); --trace wraps each engine check to print when the last attempt started and ended.
# Every run also prints the process's CPU time (and the server threads' share of it) and the threads it started
# (and in the 500 ms pause after it).
#   bench/run-smoke.sh [--no-build] [--checks N] [--delay-ms MS] [--warmup N] [--iterations N]
#                      [--parallelism default,200,raw,jdk,nio] [--shape distinct|shared] [--server jdk|nio] [--trace]
# Loopback only, no Docker. Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  # Offline, the engine with the bench in one reactor; never install (~/.m2 is shared between checkouts).
  ./mvnw -B -q -o package -Pbench -pl bench -am -DskipTests
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

exec java -cp "$classpath" io.releaseledger.bench.SmokeBench "$@"
