#!/usr/bin/env bash
# Benchmark: the ledger on 1,000,000 events over 10 environments, under -Xmx256m, against the naive way
# (re-read and parse every record on each request).
#   bench/run-ledger.sh [--no-build] [EVENTS] [ITERATIONS] [keyed]
# "keyed": every event sealed with a ledger key (HMAC-SHA-256), opened and verified with it.
# Builds the bench module, generates bench/data/ledger/bench/events.jsonl once (delete it to regenerate),
# then measures open (cold and with checkpoint), state, history page, fsync'd appends. Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  ./mvnw -q -B -Pbench -pl bench -am package -DskipTests
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

mkdir -p "$root/bench/data/ledger"
java -Xmx256m -cp "$classpath" io.releaseledger.bench.LedgerBench "$root/bench/data/ledger" "${1:-1000000}" "${2:-1000}" ${3:-}
