#!/usr/bin/env bash
# Installs and starts the real components that Release Ledger's tests use, and stops what it started.
#
#   sudo scripts/test-services.sh start    install what is missing, start what is not running (idempotent)
#   sudo scripts/test-services.sh stop     stop only what an earlier `start` started
#   scripts/test-services.sh status        print what is there and what answers
#   sudo scripts/test-services.sh start COMPONENT...   only these (git java docker swarm registry haproxy chromium
#                                          docker-tls);
#                                          `./release-ledger demo` starts `java docker registry haproxy` this way
#
# Components (see testing/support/src/main/java/io/releaseledger/testing/Component.java):
#   git       C git on PATH
#   docker    a Docker engine on /var/run/docker.sock (dockerd without iptables, bridge or masquerading,
#             vfs storage: it works in containers and VMs without systemd) and the locally built test
#             image release-ledger-test/busybox-httpd:1 (busybox-static imported; no Docker Hub needed)
#   swarm     the docker engine as a single-node swarm manager (docker swarm init --advertise-addr 127.0.0.1
#             --listen-addr 127.0.0.1:2377); needs docker; `stop` leaves the swarm only if `start` initialised it
#   registry  Docker Distribution (Debian's docker-registry) on 127.0.0.1:5000, loopback only
#   docker-tls  a second, separate Docker engine on tcp://127.0.0.1:23760 that only takes TLS clients with a
#             certificate of its own test CA (generated here with openssl); its client files (ca.pem, cert.pem,
#             key.pem) are in $STATE_DIR/docker-tls/client. Own data and exec roots, own containerd namespaces,
#             no bridge, no iptables, vfs storage
#   haproxy   the haproxy binary
#   chromium  /usr/bin/chromium and /usr/bin/chromedriver
#   java      a JDK (javac) on PATH, else Debian's default-jdk-headless; only when named (not in the default set)
#
# For Debian (12) as root. Nothing listens on or contacts anything but loopback.
#
# Environment:
#   RELEASE_LEDGER_SERVICES_DIR  state directory: pid files, logs, registry storage
#                                (default /var/lib/release-ledger-test-services)
#   RELEASE_LEDGER_REGISTRY      registry address host:port (default 127.0.0.1:5000; must be loopback)
#   RELEASE_LEDGER_TEST_IMAGE    name of the test image (default release-ledger-test/busybox-httpd:1)
#   RELEASE_LEDGER_DOCKER_TLS_PORT  loopback port of the TLS engine (default 23760)
#   RELEASE_LEDGER_SERVICES_STARTED_FILE
#                                when set, `start` appends to this file the name of each service it starts
#                                (docker, registry), and `stop` stops only the services named there: so a
#                                CI run leaves alone what was already running before it
set -euo pipefail
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"

STATE_DIR=${RELEASE_LEDGER_SERVICES_DIR:-/var/lib/release-ledger-test-services}
REGISTRY=${RELEASE_LEDGER_REGISTRY:-127.0.0.1:5000}
TEST_IMAGE=${RELEASE_LEDGER_TEST_IMAGE:-release-ledger-test/busybox-httpd:1}
DOCKER_SOCKET=/var/run/docker.sock
DEFAULT_COMPONENTS=(git docker swarm registry haproxy chromium docker-tls)
COMPONENTS=()
PACKAGES=()

log() { printf 'test-services: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# ---------------------------------------------------------------- checks

registry_host() { printf '%s' "${REGISTRY%:*}"; }
registry_port() { printf '%s' "${REGISTRY##*:}"; }

check_registry_address() {
  case "$(registry_host)" in
    127.*|localhost) ;;
    *) die "RELEASE_LEDGER_REGISTRY=$REGISTRY: the registry may only listen on loopback (127.0.0.0/8)";;
  esac
  [[ "$(registry_port)" =~ ^[0-9]+$ ]] || die "RELEASE_LEDGER_REGISTRY=$REGISTRY: expected host:port"
}

docker_answers() {
  # A real ping of the engine, not just "the client exists".
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

registry_answers() {
  command -v curl >/dev/null 2>&1 || return 1
  curl -fsS --max-time 5 -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null
}

missing_packages() {
  local p missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  printf '%s\n' "${missing[@]}"
}

# wants NAME: whether this invocation works on component NAME
wants() {
  local c
  for c in "${COMPONENTS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

# select_components NAME...: the components to install and start (none given: the default set), and their packages
select_components() {
  local c
  COMPONENTS=("$@")
  [[ ${#COMPONENTS[@]} -gt 0 ]] || COMPONENTS=("${DEFAULT_COMPONENTS[@]}")
  PACKAGES=()
  for c in "${COMPONENTS[@]}"; do
    case "$c" in
      git) PACKAGES+=(git) ;;
      java) command -v javac >/dev/null 2>&1 || PACKAGES+=(default-jdk-headless) ;;
      docker) PACKAGES+=(docker.io busybox-static curl) ;;
      swarm) ;; # needs a running engine: start it with docker
      docker-tls) PACKAGES+=(docker.io openssl curl) ;;
      registry) PACKAGES+=(docker-registry curl) ;;
      haproxy) PACKAGES+=(haproxy) ;;
      chromium) PACKAGES+=(chromium chromium-driver) ;;
      *) die "unknown component '$c'; known: git java docker swarm registry haproxy chromium docker-tls" ;;
    esac
  done
}

need_root() {
  [[ $(id -u) -eq 0 ]] || die "$1 needs root: run it as root (sudo scripts/test-services.sh $CMD)"
}

# ---------------------------------------------------------------- install

install_packages() {
  local missing
  # (once each: two components may need the same package, e.g. curl)
  mapfile -t missing < <(missing_packages | sed '/^$/d' | awk '!seen[$0]++')
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "packages: all installed"
    return
  fi
  need_root "installing ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script is for Debian"
  log "packages: installing ${missing[*]}"
  # No service may start from a package's postinst (it would start dockerd with iptables and a bridge,
  # or the registry on every address): keep them down unless a policy is already in place.
  local policy=/usr/sbin/policy-rc.d own_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=true
  fi
  local rc=0
  {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >"$STATE_DIR/apt.log" 2>&1 &&
      apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$STATE_DIR/apt.log" 2>&1
  } || rc=$?
  if $own_policy; then rm -f "$policy"; fi
  if [[ $rc -ne 0 ]]; then
    tail -n 30 "$STATE_DIR/apt.log" >&2
    die "apt-get failed (exit $rc); full log: $STATE_DIR/apt.log"
  fi
  log "packages: installed"
}

# ---------------------------------------------------------------- docker

start_docker() {
  if docker_answers; then
    log "docker: engine already answers${DOCKER_HOST:+ on $DOCKER_HOST}; leaving it alone"
    return
  fi
  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "unix://$DOCKER_SOCKET" ]]; then
    log "docker: DOCKER_HOST=$DOCKER_HOST does not answer; starting an engine on $DOCKER_SOCKET instead"
  fi
  export DOCKER_HOST="unix://$DOCKER_SOCKET"
  need_root "starting dockerd"
  if pid_alive "$STATE_DIR/dockerd.pid" dockerd; then
    log "docker: dockerd (pid $(<"$STATE_DIR/dockerd.pid")) is still starting"
  else
    log "docker: starting dockerd (log: $STATE_DIR/dockerd.log)"
    # Loopback-only: no TCP listener, no bridge, no iptables rules, no masquerading.
    detach "$STATE_DIR/dockerd.log" "$STATE_DIR/dockerd.pid" dockerd \
      --host="unix://$DOCKER_SOCKET" \
      --iptables=false --ip-masq=false --ip-forward=false --bridge=none \
      --storage-driver=vfs \
      --pidfile="$STATE_DIR/dockerd.daemon.pid"
    note_started docker
  fi
  await_dockerd dockerd docker_answers "$STATE_DIR/dockerd.pid" "$STATE_DIR/dockerd.log"
  log "docker: engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
}

# await_dockerd WHO ANSWERS PIDFILE LOG: wait up to 60 s until the function ANSWERS succeeds; when the dockerd of
# PIDFILE exits first, or nothing answers in time, show the end of its LOG and die naming WHO
await_dockerd() {
  local who=$1 answers=$2 pidfile=$3 log=$4 i
  for ((i = 0; i < 120; i++)); do
    "$answers" && return 0
    if ! started_runs "$pidfile"; then
      tail -n 30 "$log" >&2
      rm -f "$pidfile"
      die "$who exited; log: $log"
    fi
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "$who did not answer within 60 s; log: $log"
}

build_test_image() {
  if docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
    log "docker: test image $TEST_IMAGE present"
    return
  fi
  local busybox
  busybox=$(command -v busybox || true)
  [[ -x /bin/busybox ]] && busybox=/bin/busybox
  [[ -n "$busybox" ]] || die "busybox not found (package busybox-static)"
  log "docker: building $TEST_IMAGE from $busybox (busybox-static, docker import)"
  local work
  work=$(mktemp -d)
  mkdir -p "$work/rootfs"/{bin,etc,tmp,www}
  chmod 1777 "$work/rootfs/tmp"
  cp "$busybox" "$work/rootfs/bin/busybox"
  local applet
  for applet in $("$busybox" --list); do
    [[ "$applet" == busybox ]] || ln -sf busybox "$work/rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$work/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$work/rootfs/etc/group"
  printf 'release-ledger test image\n' >"$work/rootfs/www/index.html"
  tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
  docker import \
    -c 'ENV PATH=/bin' \
    -c 'WORKDIR /' \
    -c 'LABEL io.releaseledger.test-image=busybox-httpd' \
    -c 'CMD ["httpd", "-f", "-v", "-p", "127.0.0.1:8080", "-h", "/www"]' \
    "$work/rootfs.tar" "$TEST_IMAGE" >/dev/null
  rm -rf "$work"
  log "docker: built $TEST_IMAGE"
}

# ---------------------------------------------------------------- registry

start_registry() {
  if registry_answers; then
    log "registry: http://$REGISTRY/v2/ already answers; leaving it alone"
    return
  fi
  need_root "starting the registry"
  command -v docker-registry >/dev/null 2>&1 || die "docker-registry not found (package docker-registry)"
  local dir="$STATE_DIR/registry"
  mkdir -p "$dir/data"
  if pid_alive "$STATE_DIR/registry.pid" docker-registry; then
    log "registry: docker-registry (pid $(<"$STATE_DIR/registry.pid")) is still starting"
  else
    cat >"$dir/config.yml" <<EOF
# Written by scripts/test-services.sh: Docker Distribution for tests, loopback only, no auth.
version: 0.1
log:
  level: info
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
  headers:
    X-Content-Type-Options: [nosniff]
EOF
    log "registry: starting docker-registry on $REGISTRY (log: $STATE_DIR/registry.log)"
    detach "$STATE_DIR/registry.log" "$STATE_DIR/registry.pid" docker-registry serve "$dir/config.yml"
    note_started registry
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    if registry_answers; then
      log "registry: answers on http://$REGISTRY/v2/"
      return
    fi
    if ! started_runs "$STATE_DIR/registry.pid"; then
      tail -n 20 "$STATE_DIR/registry.log" >&2
      rm -f "$STATE_DIR/registry.pid"
      die "docker-registry exited; log: $STATE_DIR/registry.log"
    fi
    sleep 0.5
  done
  die "the registry did not answer within 30 s; log: $STATE_DIR/registry.log"
}

# ---------------------------------------------------------------- swarm

swarm_state() { docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}' 2>/dev/null; }

start_swarm() {
  local state
  state=$(swarm_state) || die "swarm: the Docker engine does not answer"
  if [[ "$state" == "active true" ]]; then
    log "swarm: the engine is already a swarm manager; leaving it alone"
    return
  fi
  [[ "$state" == inactive* ]] || die "swarm: the engine's swarm state is '$state'; fix it by hand (docker swarm leave --force)"
  # Loopback only: the manager listens on 127.0.0.1:2377; services use host networking (no ingress routing here).
  docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null \
    || die "swarm: docker swarm init failed"
  note_started swarm
  echo initialised >"$STATE_DIR/swarm.started"
  log "swarm: initialised a single-node swarm on 127.0.0.1"
}

stop_swarm() {
  if [[ ! -f "$STATE_DIR/swarm.started" ]]; then
    log "swarm: not initialised by this script; left alone"
    return
  fi
  if docker_answers && [[ "$(swarm_state)" == active* ]]; then
    log "swarm: leaving the swarm (removes its services)"
    docker swarm leave --force >/dev/null || log "swarm: docker swarm leave failed"
  fi
  rm -f "$STATE_DIR/swarm.started"
}

# ---------------------------------------------------------------- docker-tls (a second engine, TLS only)

DOCKER_TLS_PORT=${RELEASE_LEDGER_DOCKER_TLS_PORT:-23760}
DOCKER_TLS_DIR="$STATE_DIR/docker-tls"

docker_tls_answers() {
  local client="$DOCKER_TLS_DIR/client"
  [[ -r "$client/key.pem" ]] || return 1
  command -v curl >/dev/null 2>&1 || return 1
  curl -fsS --max-time 5 -o /dev/null --cacert "$client/ca.pem" --cert "$client/cert.pem" --key "$client/key.pem" \
    "https://127.0.0.1:$DOCKER_TLS_PORT/_ping" 2>/dev/null
}

# make_docker_tls_certificates: a test CA, the engine's certificate (127.0.0.1, localhost) and a client's; kept
# across starts so a running engine and its clients agree; every key readable by root only
make_docker_tls_certificates() {
  local certs="$DOCKER_TLS_DIR/certs" client="$DOCKER_TLS_DIR/client"
  [[ -s "$certs/server-cert.pem" && -s "$client/key.pem" ]] && return
  command -v openssl >/dev/null 2>&1 || die "openssl not found (package openssl)"
  log "docker-tls: generating a test CA, server and client certificates (openssl) in $DOCKER_TLS_DIR"
  rm -rf "$certs" "$client"
  mkdir -p "$certs" "$client"
  chmod 700 "$certs" "$client"
  (
    set -e
    umask 077
    cd "$certs"
    openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 3650 -subj "/CN=release-ledger test CA" \
      -keyout ca-key.pem -out ca.pem
    openssl req -new -nodes -newkey rsa:2048 -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -sha256 -days 3650 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -extfile server.ext -out server-cert.pem
    openssl req -new -nodes -newkey rsa:2048 -subj "/CN=release-ledger-test-client" -keyout "$client/key.pem" \
      -out client.csr
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -sha256 -days 3650 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -extfile client.ext -out "$client/cert.pem"
    cp ca.pem "$client/ca.pem"
  ) >"$DOCKER_TLS_DIR/openssl.log" 2>&1 || { cat "$DOCKER_TLS_DIR/openssl.log" >&2; die "openssl failed"; }
}

start_docker_tls() {
  mkdir -p "$DOCKER_TLS_DIR"
  if docker_tls_answers; then
    log "docker-tls: engine already answers on tcp://127.0.0.1:$DOCKER_TLS_PORT (TLS); leaving it alone"
    return
  fi
  need_root "starting the TLS dockerd"
  make_docker_tls_certificates
  local certs="$DOCKER_TLS_DIR/certs"
  if pid_alive "$DOCKER_TLS_DIR/dockerd.pid" dockerd; then
    log "docker-tls: dockerd (pid $(<"$DOCKER_TLS_DIR/dockerd.pid")) is still starting"
  else
    log "docker-tls: starting dockerd on tcp://127.0.0.1:$DOCKER_TLS_PORT (log: $DOCKER_TLS_DIR/dockerd.log)"
    mkdir -p "$DOCKER_TLS_DIR/data" "$DOCKER_TLS_DIR/exec"
    # Distinct from the main engine in everything it owns; loopback only, no bridge, no iptables.
    detach "$DOCKER_TLS_DIR/dockerd.log" "$DOCKER_TLS_DIR/dockerd.pid" dockerd \
      --host="tcp://127.0.0.1:$DOCKER_TLS_PORT" \
      --tlsverify --tlscacert="$certs/ca.pem" --tlscert="$certs/server-cert.pem" --tlskey="$certs/server-key.pem" \
      --data-root="$DOCKER_TLS_DIR/data" --exec-root="$DOCKER_TLS_DIR/exec" \
      --pidfile="$DOCKER_TLS_DIR/dockerd.daemon.pid" \
      --containerd-namespace=release-ledger-tls --containerd-plugins-namespace=release-ledger-tls-plugins \
      --iptables=false --ip-masq=false --ip-forward=false --bridge=none \
      --storage-driver=vfs
    note_started docker-tls
  fi
  await_dockerd "the TLS dockerd" docker_tls_answers "$DOCKER_TLS_DIR/dockerd.pid" "$DOCKER_TLS_DIR/dockerd.log"
  log "docker-tls: engine answers on tcp://127.0.0.1:$DOCKER_TLS_PORT (TLS, client files in $DOCKER_TLS_DIR/client)"
}

stop_docker_tls() {
  stop_pid "$DOCKER_TLS_DIR/dockerd.pid" dockerd docker-tls
}

status_docker_tls() {
  local owner="not started by this script"
  pid_alive "$DOCKER_TLS_DIR/dockerd.pid" dockerd && owner="dockerd pid $(<"$DOCKER_TLS_DIR/dockerd.pid") started by this script"
  if docker_tls_answers; then
    line docker-tls up "tcp://127.0.0.1:$DOCKER_TLS_PORT, client certificate in $DOCKER_TLS_DIR/client ($owner)"
  else
    line docker-tls DOWN "no TLS engine answers on tcp://127.0.0.1:$DOCKER_TLS_PORT with the client files of $DOCKER_TLS_DIR/client"
  fi
}

# ---------------------------------------------------------------- stop

# note_started NAME: remember, for a `stop` of this run only, that this invocation started NAME
note_started() {
  [[ -n "${RELEASE_LEDGER_SERVICES_STARTED_FILE:-}" ]] && echo "$1" >>"$RELEASE_LEDGER_SERVICES_STARTED_FILE"
  return 0
}

# stops NAME: whether `stop` should stop NAME (everything this script started, or only this run's)
stops() {
  [[ -z "${RELEASE_LEDGER_SERVICES_STARTED_FILE:-}" ]] && return 0
  [[ -f "$RELEASE_LEDGER_SERVICES_STARTED_FILE" ]] && grep -qx "$1" "$RELEASE_LEDGER_SERVICES_STARTED_FILE"
}

# stop_pid FILE NAME LABEL: stop the process this script started, if it still runs
stop_pid() {
  local file=$1 name=$2 label=$3 pid i
  if ! pid_alive "$file" "$name"; then
    [[ -e "$file" ]] && log "$label: not running (stale pid file removed)"
    rm -f "$file"
    return
  fi
  pid=$(<"$file")
  log "$label: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    pid_alive "$file" "$name" || break
    sleep 0.5
  done
  if pid_alive "$file" "$name"; then
    log "$label: still running after 30 s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$file"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  local started=$SECONDS
  select_components "$@"
  check_registry_address
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/lock"
  flock 9
  install_packages
  if wants git; then command -v git >/dev/null 2>&1 || die "git not on PATH after install"; fi
  if wants java; then command -v javac >/dev/null 2>&1 || die "javac not on PATH after install"; fi
  if wants docker; then
    start_docker
    build_test_image
  fi
  if wants swarm; then start_swarm; fi
  if wants registry; then start_registry; fi
  if wants docker-tls; then start_docker_tls; fi
  if wants haproxy; then command -v haproxy >/dev/null 2>&1 || die "haproxy not on PATH after install"; fi
  if wants chromium; then
    [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "/usr/bin/chromium or /usr/bin/chromedriver missing"
  fi
  log "components up in $((SECONDS - started)) s: ${COMPONENTS[*]}"
  [[ -n "${RELEASE_LEDGER_SERVICES_QUIET:-}" ]] || cmd_status
}

cmd_stop() {
  if [[ ! -d "$STATE_DIR" ]]; then
    log "nothing was started by this script"
    return
  fi
  exec 9>"$STATE_DIR/lock"
  flock 9
  # What this run did not start is left alone, and named only when it runs (a demo's stop never started docker-tls).
  if stops docker-tls; then stop_docker_tls; elif docker_tls_answers; then log "docker-tls: left running (not started by this run)"; fi
  if stops registry; then stop_pid "$STATE_DIR/registry.pid" docker-registry registry; elif registry_answers; then log "registry: left running (not started by this run)"; fi
  if stops swarm; then stop_swarm; elif docker_answers && [[ "$(swarm_state)" == active* ]]; then log "swarm: left as it is (not initialised by this run)"; fi
  # dockerd stops its containers and its own containerd on SIGTERM.
  if stops docker; then stop_pid "$STATE_DIR/dockerd.pid" dockerd docker; elif docker_answers; then log "docker: left running (not started by this run)"; fi
  log "stopped what this script had started"
}

cmd_status() {
  local ok
  line() { printf '  %-9s %-4s %s\n' "$1" "$2" "$3"; }
  echo "Release Ledger test services (state: $STATE_DIR)"
  if command -v git >/dev/null 2>&1; then line git up "$(git --version)"; else line git DOWN "not on PATH"; fi

  local owner="not started by this script"
  pid_alive "$STATE_DIR/dockerd.pid" dockerd && owner="dockerd pid $(<"$STATE_DIR/dockerd.pid") started by this script"
  if docker_answers; then
    line docker up "engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) on ${DOCKER_HOST:-unix://$DOCKER_SOCKET} ($owner)"
    if docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then ok=up; else ok=DOWN; fi
    line image "$ok" "$TEST_IMAGE"
    if [[ "$(swarm_state)" == "active true" ]]; then
      line swarm up "single-node manager ($([[ -f "$STATE_DIR/swarm.started" ]] && echo "initialised by this script" || echo "not initialised by this script"))"
    else
      line swarm DOWN "the engine is not a swarm manager ($(swarm_state))"
    fi
  else
    line docker DOWN "no engine answers on ${DOCKER_HOST:-unix://$DOCKER_SOCKET}"
  fi

  owner="not started by this script"
  pid_alive "$STATE_DIR/registry.pid" docker-registry && owner="pid $(<"$STATE_DIR/registry.pid") started by this script"
  if registry_answers; then line registry up "http://$REGISTRY/v2/ ($owner)"; else line registry DOWN "http://$REGISTRY/v2/ does not answer"; fi

  if command -v haproxy >/dev/null 2>&1; then line haproxy up "$(haproxy -v 2>/dev/null | head -n 1)"; else line haproxy DOWN "not on PATH"; fi
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    line chromium up "$(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
  else
    line chromium DOWN "/usr/bin/chromium and /usr/bin/chromedriver needed"
  fi
  status_docker_tls
}

CMD=${1:-}
case "$CMD" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
