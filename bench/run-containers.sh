#!/usr/bin/env bash
# Benchmark: the same container operations done by the engine (ContainerEngine on docker-java) and by the docker
# CLI on the same Docker engine, in one run, interleaved: pull by digest, create, start, health wait, stop, remove.
#   bench/run-containers.sh [--no-build] [--warmup N] [--iterations N] [--interval MS]
# Needs dockerd (scripts/test-services.sh start), the registry on 127.0.0.1:5000 and the test image
# release-ledger-test/busybox-httpd:1. Tags the image as 127.0.0.1:5000/release-ledger-bench/busybox-httpd:1,
# pushes it to get its digest, runs the harness in one JVM and prints the ratios. Containers are labelled
# io.releaseledger.bench=true and always removed. Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
source_image=${RELEASE_LEDGER_TEST_IMAGE:-release-ledger-test/busybox-httpd:1}
bench_image=127.0.0.1:5000/release-ledger-bench/busybox-httpd:1

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  ./mvnw -q -B -Pbench -pl bench -am package -DskipTests
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

docker image inspect "$source_image" >/dev/null 2>&1 || {
  echo "image $source_image is missing: run scripts/test-services.sh start" >&2
  exit 1
}
docker tag "$source_image" "$bench_image"
digest=$(docker push "$bench_image" | sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' | tail -n 1)
if [[ -z "$digest" ]]; then
  echo "docker push $bench_image printed no digest" >&2
  exit 1
fi
echo "pushed $bench_image = $digest"

status=0
java -cp "$classpath" io.releaseledger.bench.ContainerBench "$@" --digest "$digest" "$bench_image" || status=$?

# Leave the engine as found: no bench container, no bench image reference (the registry keeps the image).
leftovers=$(docker ps -aq --filter label=io.releaseledger.bench=true --filter name=rl-bench-)
[[ -z "$leftovers" ]] || docker rm -f -v $leftovers >/dev/null
docker rmi "${bench_image%:*}@$digest" >/dev/null 2>&1 || true
docker rmi "$bench_image" >/dev/null 2>&1 || true
exit "$status"
