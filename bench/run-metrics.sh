#!/usr/bin/env bash
# Benchmark: the DORA metrics (docs/metrics.md) of a 1,000,000-event ledger over 10 environments, from the read model,
# under -Xmx256m; target under 200 ms warm.
#   bench/run-metrics.sh [--no-build] [EVENTS] [ITERATIONS]
# Builds the bench module, generates bench/data/metrics/bench/events.jsonl once (delete it to regenerate); the first
# run opens it without a checkpoint (slow: every line verified) and writes one, later runs open from it.
# Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  ./mvnw -q -B -o -Pbench -pl bench -am package -DskipTests
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

mkdir -p "$root/bench/data/metrics"
java -Xmx256m -cp "$classpath" io.releaseledger.bench.MetricsBench "$root/bench/data/metrics" "${1:-1000000}" "${2:-200}"
