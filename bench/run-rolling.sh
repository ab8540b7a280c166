#!/usr/bin/env bash
# Benchmark: a rolling deploy of four instances (one Docker host, four ports, host networking) behind a real HAProxy
# (runtime API), from version A to B and back, timed per phase and per instance through the engine's
# DeploymentPlanner + Deployer, and, as a peer in the same run and interleaved with it, the same four replacements
# with the docker CLI (docker rm -f, docker run -d --network host, GET /health poll) without HAProxy.
#   bench/run-rolling.sh [--no-build] [--warmup N] [--iterations N] [--interval MS] [--inter MS] [--stable-for MS]
#                        [--load THREADS]
# Needs dockerd, the registry on 127.0.0.1:5000, haproxy and the test image release-ledger-test/busybox-httpd:1
# (scripts/test-services.sh start). Builds two images from it (1.0.0 and 2.0.0: /www/version, /www/health, httpd on
# $PORT behind a SIGTERM trap), pushes them as 127.0.0.1:5000/release-ledger-bench/rolling-app:{1.0.0,2.0.0}, runs
# the harness in one JVM. Containers (application label rl-bench-rolling, names rl-bench-bare-*) are always removed,
# and so are the local image references; the registry keeps the images. Never part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
source_image=${RELEASE_LEDGER_TEST_IMAGE:-release-ledger-test/busybox-httpd:1}
repository=127.0.0.1:5000/release-ledger-bench/rolling-app
version_a=1.0.0
version_b=2.0.0

if [[ "${1:-}" == --no-build ]]; then
  shift
else
  # Other sessions build in the same tree: take the shared build lock, offline, engine first, then the bench.
  flock /tmp/rl-build.lock ./mvnw -B -q -o install -DskipTests -pl engine -am
  flock /tmp/rl-build.lock ./mvnw -B -q -o package -Pbench -pl bench
fi
classpath="$root/bench/target/classes:$(find "$root/bench/target/lib" -name '*.jar' | sort | paste -sd:)"

docker image inspect "$source_image" >/dev/null 2>&1 || {
  echo "image $source_image is missing: run scripts/test-services.sh start" >&2
  exit 1
}
command -v haproxy >/dev/null || { echo "haproxy is not on PATH: run scripts/test-services.sh start" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  local ids
  ids=$(docker ps -aq --filter label=io.releaseledger.application=rl-bench-rolling)
  [[ -z "$ids" ]] || docker rm -f -v $ids >/dev/null
  ids=$(docker ps -aq --filter name=rl-bench-bare-)
  [[ -z "$ids" ]] || docker rm -f -v $ids >/dev/null
  for v in "$version_a" "$version_b"; do
    docker rmi "$repository:$v" "rl-bench-build/rolling-app:$v" >/dev/null 2>&1 || true
  done
  for d in ${digest_a:-} ${digest_b:-}; do
    docker rmi "$repository@$d" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

build_and_push() {
  local version=$1 dir="$work/$1"
  mkdir -p "$dir/www"
  echo "$version" >"$dir/www/version"
  echo ok >"$dir/www/health"
  echo "rolling-app $version" >"$dir/www/index.html"
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $source_image
COPY www /www
LABEL io.releaseledger.bench=true app.version=$version
CMD ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:\$PORT -h /www & wait"]
DOCKERFILE
  docker build -q -t "rl-bench-build/rolling-app:$version" "$dir" >/dev/null 2>&1
  docker tag "rl-bench-build/rolling-app:$version" "$repository:$version"
  docker push "$repository:$version" | sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' | tail -n 1
}
digest_a=$(build_and_push "$version_a")
digest_b=$(build_and_push "$version_b")
if [[ -z "$digest_a" || -z "$digest_b" ]]; then
  echo "docker push printed no digest" >&2
  exit 1
fi
echo "pushed $repository:$version_a = $digest_a"
echo "pushed $repository:$version_b = $digest_b"
# Start with the images' digest references absent: the setup deploy pulls them (untimed).
docker rmi "$repository:$version_a" "$repository:$version_b" "rl-bench-build/rolling-app:$version_a" \
  "rl-bench-build/rolling-app:$version_b" >/dev/null 2>&1 || true

java -cp "$classpath" io.releaseledger.bench.RollingBench "$@" --repository "$repository" \
  --a "$version_a=$digest_a" --b "$version_b=$digest_b"
