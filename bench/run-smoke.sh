#!/usr/bin/env bash
# Benchmark (issue 5): 200 HTTP smoke checks run in parallel by the engine's SmokeCheckRun against a local
# in-process server (com.sun.net.httpserver on 127.0.0.1) that answers every request after a fixed delay; the total
# wall time of the run against the slowest single check (the largest result millis, and a lone check in its own run,
# the named peer), target: total within 1.5x. Each parallelism configuration is measured in the same JVM,
# interleaved per iteration ("default" = the runner's default, as SmokeChecks.from builds the run).
#   bench/run-smoke.sh [--no-build] [--checks N] [--delay-ms MS] [--warmup N] [--iterations N]
#                      [--parallelism default,200] [--shape distinct|shared]
# Loopback only, no Docker. Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  # Other sessions build in the same tree: take the shared build lock, offline, engine first, then the bench.
  flock /tmp/rl-build.lock ./mvnw -B -q -o install -DskipTests -pl engine -am
  flock /tmp/rl-build.lock ./mvnw -B -q -o package -Pbench -pl bench
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

exec java -cp "$classpath" io.releaseledger.bench.SmokeBench "$@"
