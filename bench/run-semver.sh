#!/usr/bin/env bash
# Benchmark: the engine's next-version calculation against C git, on a generated 100,000-commit repository.
#   bench/run-semver.sh [--no-build] [--warmup N] [--iterations N]
# Builds the bench module, generates bench/data/semver-{A,B} once (git fast-import + git gc; delete the
# folder to regenerate), runs the harness in one warm JVM and prints the ratios. Never part of .ci/run.
#   A: the last matching tag is 50,000 commits behind HEAD.   B: no matching tag at all.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
data="$root/bench/data"

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  ./mvnw -q -B -Pbench -pl bench -am package -DskipTests
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

mkdir -p "$data"
for scenario in A B; do
  repo="$data/semver-$scenario"
  if [[ ! -f "$repo/.git/release-ledger-bench.info" ]]; then
    rm -rf "$repo"
    echo "generating $repo (100,000 commits) ..."
    java -cp "$classpath" io.releaseledger.bench.RepoGenerator "$repo" "$scenario" 100000 50000
  fi
done

java -Xms1g -Xmx4g -cp "$classpath" io.releaseledger.bench.SemverBench "$@" "$data/semver-A" "$data/semver-B"
