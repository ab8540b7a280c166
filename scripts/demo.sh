#!/usr/bin/env bash
# The whole story of Release Ledger on this machine, in one command (run by `./release-ledger demo`):
#
#   sudo ./release-ledger demo          install and start what is missing, build a sample application, run the story,
#                                       serve the Releases page and print its URL
#   sudo ./release-ledger demo --stop   stop and remove what the demo started, and nothing else
#
# The story: a sample git repository (with a bare remote) holds a small web application, its release descriptor and
# a Dockerfile. The demo tags the next version from its commits, builds the image (busybox httpd, imported from
# Debian's busybox-static: no Docker Hub), deploys it to staging behind HAProxy with server cycling, smoke-checks
# staging, promotes the same digest to production while requests run against production's HAProxy frontend
# (and counts the ones served and failed), then tags, builds and deploys a broken version to staging and watches the
# smoke check roll it back automatically. Last, it serves the Releases page.
#
# Everything the demo makes lives in one directory, $RELEASE_LEDGER_DEMO_DIR (default $HOME/.release-ledger-demo;
# as root: /root/.release-ledger-demo): the sample repository and its remote, the ledger, HAProxy's configuration,
# socket and log, the page server's pid and log, and the state of the Docker engine and registry when the demo
# started them. Docker, the registry and packages are installed and started by scripts/test-services.sh (the same
# script the tests use); what already runs is reused and left alone. Loopback only: dockerd without iptables,
# masquerading or bridge, containers on the host network bound to 127.0.0.1, the registry on 127.0.0.1:5000.
#
# Environment (for tests and for a second demo next to the first):
#   RELEASE_LEDGER_DEMO_DIR          the demo directory (see above)
#   RELEASE_LEDGER_DEMO_PORT_BASE    first port of the demo's 20 (default 18470): page +0, staging frontend +1,
#                                    production frontend +2, staging instances +11 +12, production +21 +22
#   RELEASE_LEDGER_DEMO_APPLICATION  the application's name (default demo-shop); names containers and images
#   RELEASE_LEDGER_DEMO_CLI          the program to run as release-ledger (default ./release-ledger, which builds the
#                                    jar when needed); the tests give one that runs their classes
set -euo pipefail
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"

root=$(cd "$(dirname "$0")/.." && pwd)
DEMO_DIR=${RELEASE_LEDGER_DEMO_DIR:-$HOME/.release-ledger-demo}
PORT_BASE=${RELEASE_LEDGER_DEMO_PORT_BASE:-18470}
APP=${RELEASE_LEDGER_DEMO_APPLICATION:-demo-shop}
CLI=${RELEASE_LEDGER_DEMO_CLI:-$root/release-ledger}
REGISTRY=127.0.0.1:5000
BASE_IMAGE=release-ledger-demo/busybox:1
REPOSITORY=$REGISTRY/release-ledger-demo/$APP
BUILD_IMAGE=release-ledger-demo/$APP
PAGE_PORT=$PORT_BASE
STAGING_PORT=$((PORT_BASE + 1))
PRODUCTION_PORT=$((PORT_BASE + 2))
HAPROXY_DIR=$DEMO_DIR/haproxy
SERVICES=(git java docker registry haproxy)

started=$SECONDS
step() { printf '\n[%3ds] %s\n' "$((SECONDS - started))" "$*"; }
say() { printf '       %s\n' "$*"; }
# (unbuffered: under `demo | tee log` each line still shows when it happens, not a minute of apt-get later)
indent() { sed -u -e 's/^test-services: //' -e 's/^/       /'; }
die() { printf 'release-ledger demo: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# ---------------------------------------------------------------- checks

need_root() {
  [[ $(id -u) -eq 0 ]] && return
  die "the demo installs packages and starts Docker, a registry and HAProxy, so it needs root: run
  sudo ./release-ledger demo$([[ ${1:-} == --stop ]] && echo ' --stop')"
}

check_settings() {
  [[ "$PORT_BASE" =~ ^[0-9]+$ ]] && ((PORT_BASE >= 1024 && PORT_BASE <= 65500)) ||
    die "RELEASE_LEDGER_DEMO_PORT_BASE=$PORT_BASE: expected a port from 1024 to 65500"
  [[ "$APP" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]] ||
    die "RELEASE_LEDGER_DEMO_APPLICATION=$APP: lower-case letters, digits and '-', at most 31"
}

# stop_pid FILE NAME: stop the process the demo started, if it still runs
stop_pid() {
  local pid i target fields
  if pid_alive "$1" "$2"; then
    pid=$(<"$1")
    # detach started it as the leader of a session and group of its own: signal the group, so that a java the launcher
    # runs as its child (while it makes the class archive, it does not exec) stops with it instead of living on
    target=$pid
    fields=$(cat "/proc/$pid/stat" 2>/dev/null) || fields=""
    read -r -a fields <<<"${fields##*) }"
    [[ "${fields[2]:-}" == "$pid" ]] && target=-$pid
    kill -TERM -- "$target" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 -- "$target" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 -- "$target" 2>/dev/null && kill -KILL -- "$target" 2>/dev/null
    say "stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---------------------------------------------------------------- the CLI

# The demo's ledger has its own key, outside the ledger (the key file and its list of sealed ledgers go together):
# a second demo starts a fresh ledger, which a key that had sealed the old one would call damaged.
rl() {
  RELEASE_LEDGER_HOME="$DEMO_DIR/ledger" RELEASE_LEDGER_KEY_FILE="$DEMO_DIR/ledger-key/ledger.key" "$CLI" "$@"
}

# build_cli: the jar, when there is none yet (./release-ledger also rebuilds a stale one, saying so, on its first run)
build_cli() {
  local owner
  [[ "$CLI" == "$root/release-ledger" ]] || return 0
  compgen -G "$root/cli/target/release-ledger-cli-*.jar" >/dev/null && return 0
  step "Building the command line's jar with the Maven Wrapper (the first run only: a few minutes on a busy machine)"
  owner=$(stat -c %U "$root")
  # Under sudo, build as the owner of the checkout, so cli/target does not end up belonging to root.
  if [[ -n "${SUDO_USER:-}" && "$owner" == "$SUDO_USER" && "$owner" != root ]]; then
    sudo -u "$SUDO_USER" -H "$root/release-ledger" --version >/dev/null
  else
    "$root/release-ledger" --version >/dev/null
  fi
}

# ---------------------------------------------------------------- services

services() {
  RELEASE_LEDGER_SERVICES_DIR="$DEMO_DIR/services" \
    RELEASE_LEDGER_SERVICES_STARTED_FILE="$DEMO_DIR/services/started" \
    RELEASE_LEDGER_TEST_IMAGE="$BASE_IMAGE" \
    RELEASE_LEDGER_REGISTRY="$REGISTRY" \
    RELEASE_LEDGER_SERVICES_QUIET=1 \
    "$root/scripts/test-services.sh" "$@"
}

haproxy_config() {
  # The same shape as docs/examples/haproxy.cfg: one frontend and one backend per environment, HTTP health checks,
  # the runtime API at level admin (here a unix socket in the demo directory).
  cat <<EOF
# Written by ./release-ledger demo. Release Ledger changes server states through the runtime API, never this file.
global
    stats socket $HAPROXY_DIR/admin.sock mode 600 level admin
    pidfile $HAPROXY_DIR/haproxy.pid

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 2s

frontend staging
    bind 127.0.0.1:$STAGING_PORT
    default_backend ${APP//-/_}_staging

frontend production
    bind 127.0.0.1:$PRODUCTION_PORT
    default_backend ${APP//-/_}_production

backend ${APP//-/_}_staging
    balance roundrobin
    option httpchk GET /health
    default-server inter 500ms fall 2 rise 1
    server local-1 127.0.0.1:$((PORT_BASE + 11)) check
    server local-2 127.0.0.1:$((PORT_BASE + 12)) check

backend ${APP//-/_}_production
    balance roundrobin
    option httpchk GET /health
    default-server inter 500ms fall 2 rise 1
    server local-1 127.0.0.1:$((PORT_BASE + 21)) check
    server local-2 127.0.0.1:$((PORT_BASE + 22)) check
EOF
}

start_haproxy() {
  mkdir -p "$HAPROXY_DIR"
  haproxy_config >"$HAPROXY_DIR/haproxy.cfg.new"
  if pid_alive "$HAPROXY_DIR/haproxy.pid" haproxy && cmp -s "$HAPROXY_DIR/haproxy.cfg.new" "$HAPROXY_DIR/haproxy.cfg" &&
      [[ -S "$HAPROXY_DIR/admin.sock" ]]; then
    rm -f "$HAPROXY_DIR/haproxy.cfg.new"
    say "HAProxy already runs (pid $(<"$HAPROXY_DIR/haproxy.pid")): staging on 127.0.0.1:$STAGING_PORT," \
      "production on 127.0.0.1:$PRODUCTION_PORT"
    return
  fi
  stop_pid "$HAPROXY_DIR/haproxy.pid" haproxy
  mv "$HAPROXY_DIR/haproxy.cfg.new" "$HAPROXY_DIR/haproxy.cfg"
  local port
  for port in "$STAGING_PORT" "$PRODUCTION_PORT"; do
    port_free "$port" || die "port $port on 127.0.0.1 is taken; stop what uses it, or set RELEASE_LEDGER_DEMO_PORT_BASE"
  done
  haproxy -c -q -f "$HAPROXY_DIR/haproxy.cfg" || die "haproxy refused $HAPROXY_DIR/haproxy.cfg"
  rm -f "$HAPROXY_DIR/admin.sock"
  detach "$HAPROXY_DIR/haproxy.log" "$HAPROXY_DIR/haproxy.pid" haproxy -db -f "$HAPROXY_DIR/haproxy.cfg"
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -S "$HAPROXY_DIR/admin.sock" ]] && break
    started_runs "$HAPROXY_DIR/haproxy.pid" || { cat "$HAPROXY_DIR/haproxy.log" >&2; die "haproxy exited"; }
    sleep 0.1
  done
  [[ -S "$HAPROXY_DIR/admin.sock" ]] || die "haproxy's runtime API did not appear within 10 s; log: $HAPROXY_DIR/haproxy.log"
  say "HAProxy started (config $HAPROXY_DIR/haproxy.cfg): staging on http://127.0.0.1:$STAGING_PORT/," \
    "production on http://127.0.0.1:$PRODUCTION_PORT/, runtime API $HAPROXY_DIR/admin.sock"
}

# ---------------------------------------------------------------- the sample application

descriptor() {
  cat <<EOF
# How $APP is released: see docs/release-descriptor.md. Written by ./release-ledger demo.
schemaVersion: 1
application: $APP
image: $REPOSITORY

environments:
  - name: staging
    hosts: [unix:///var/run/docker.sock]
    container:
      network: host              # each instance listens on 127.0.0.1:\$PORT, the port HAProxy's server points at
      restart: "no"
    instances: {count: 2, ports: $((PORT_BASE + 11))-$((PORT_BASE + 12))}
    strategy: {type: rolling, batchSize: 1}
    loadBalancer:
      runtimeApi: $HAPROXY_DIR/admin.sock
      backend: ${APP//-/_}_staging
      drainTimeout: 10s
    healthGate:
      timeout: 60s
      interval: 250ms
      checks:
        - http: /health
        - container: {stableFor: 1s}
    smokeChecks:
      checks:
        - http: {name: home, url: /, bodyContains: ["$APP"]}
        - http: {name: cart through HAProxy, url: "http://127.0.0.1:$STAGING_PORT/api/cart", bodyContains: ['"items"']}

  - name: production
    promotesFrom: staging        # only what was deployed to staging and passed its checks there
    hosts: [unix:///var/run/docker.sock]
    container:
      network: host
      restart: "no"
    instances: {count: 2, ports: $((PORT_BASE + 21))-$((PORT_BASE + 22))}
    strategy: {type: rolling, batchSize: 1}
    loadBalancer:
      runtimeApi: $HAPROXY_DIR/admin.sock
      backend: ${APP//-/_}_production
      drainTimeout: 10s
    healthGate:
      timeout: 60s
      interval: 250ms
      checks:
        - http: /health
        - container: {stableFor: 1s}
EOF
}

dockerfile() {
  cat <<EOF
# busybox httpd serves www/ on 127.0.0.1:\$PORT. As PID 1 a shell with a trap: busybox httpd alone ignores SIGTERM,
# and every replaced instance would cost Docker's whole stop timeout.
FROM $BASE_IMAGE
COPY www /www
CMD ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:\$PORT -h /www & wait"]
EOF
}

write_app() {
  local version_text=$1
  mkdir -p www/api
  printf '<!doctype html>\n<title>%s</title>\n<h1>%s %s</h1>\n' "$APP" "$APP" "$version_text" >www/index.html
  echo ok >www/health
  printf '{"items": []}\n' >www/api/cart
}

# make_repository: the sample repository with a bare remote, v1.0.0 tagged and pushed (what production runs)
make_repository() {
  rm -rf "$DEMO_DIR/app" "$DEMO_DIR/remote.git"
  git init -q --bare "$DEMO_DIR/remote.git"
  git init -q -b main "$DEMO_DIR/app"
  (
    cd "$DEMO_DIR/app"
    git config user.name "Release Ledger demo"
    git config user.email "demo@example.invalid"
    git remote add origin "$DEMO_DIR/remote.git"
    descriptor >release-ledger.yaml
    dockerfile >Dockerfile
    write_app "home page"
    git add -A && git commit -q -m "feat: the shop's home page"
    git tag -a v1.0.0 -m v1.0.0
    git push -q origin main v1.0.0
  )
}

commit() {
  (cd "$DEMO_DIR/app" && git add -A && git commit -q -m "$1")
}

# build VERSION: the image of the tagged commit, pushed; prints nothing. Reuses an image already built and pushed.
build() {
  local version=$1 context
  if docker image inspect "$REPOSITORY:$version" >/dev/null 2>&1 &&
      curl -fsS -o /dev/null --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REGISTRY/v2/release-ledger-demo/$APP/manifests/$version" 2>/dev/null; then
    say "image $REPOSITORY:$version already built and pushed"
    return
  fi
  context=$(mktemp -d)
  git -C "$DEMO_DIR/app" archive "v$version" | tar -x -C "$context"
  # (the legacy builder warns that it is deprecated on every build: shown only when the build fails)
  docker build -q -t "$BUILD_IMAGE:$version" "$context" >"$DEMO_DIR/build.log" 2>&1 ||
    { indent <"$DEMO_DIR/build.log"; die "docker build of $version failed (above)"; }
  rm -rf "$context"
  docker tag "$BUILD_IMAGE:$version" "$REPOSITORY:$version"
  docker push -q "$REPOSITORY:$version" >/dev/null
  say "built $REPOSITORY:$version from tag v$version and pushed it"
}

# ---------------------------------------------------------------- live traffic

traffic_pid=
# A demo that ends early (an error, Ctrl-C) leaves no request loop behind.
trap '[[ -z "$traffic_pid" ]] || kill "$traffic_pid" 2>/dev/null || true' EXIT

traffic_start() {
  : >"$DEMO_DIR/traffic.log"
  (
    while :; do
      curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 "http://127.0.0.1:$PRODUCTION_PORT/" || echo 000
      sleep 0.02
    done >>"$DEMO_DIR/traffic.log" 2>/dev/null
  ) &
  traffic_pid=$!
}

traffic_stop() {
  kill "$traffic_pid" 2>/dev/null || true
  wait "$traffic_pid" 2>/dev/null || true
  traffic_pid=
  local served failed
  served=$(grep -c '^200$' "$DEMO_DIR/traffic.log" || true)
  failed=$(grep -vc '^200$' "$DEMO_DIR/traffic.log" || true)
  say "live traffic against production (http://127.0.0.1:$PRODUCTION_PORT/) during the promotion:" \
    "$served requests served, $failed failed"
  echo "served=$served failed=$failed" >"$DEMO_DIR/traffic.result"
}

# ---------------------------------------------------------------- containers

demo_containers() {
  docker ps -aq --filter "label=io.releaseledger.application=$APP"
}

remove_containers() {
  local ids
  ids=$(demo_containers)
  [[ -z "$ids" ]] || docker rm -f -v $ids >/dev/null
}

# delete_registry_images: the demo's manifests in the registry (the registry keeps the blobs until its garbage
# collection; a registry the demo started goes away with the demo directory)
delete_registry_images() {
  local name="release-ledger-demo/$APP" tags tag digest
  tags=$(curl -fsS --max-time 5 "http://$REGISTRY/v2/$name/tags/list" 2>/dev/null |
    sed -n 's/.*"tags":\[\([^]]*\)\].*/\1/p' | tr -d '"' | tr ',' ' ') || return 0
  for tag in $tags; do
    digest=$(curl -fsSI --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://$REGISTRY/v2/$name/manifests/$tag" 2>/dev/null | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
    [[ -z "$digest" ]] || curl -fsS -o /dev/null -X DELETE --max-time 5 "http://$REGISTRY/v2/$name/manifests/$digest" \
      2>/dev/null || true
  done
  [[ -z "$tags" ]] || say "deleted $name from the registry ($(echo $tags))"
}

# ---------------------------------------------------------------- the page

serve() {
  stop_pid "$DEMO_DIR/serve.pid" "serve --application $APP"
  port_free "$PAGE_PORT" || die "port $PAGE_PORT on 127.0.0.1 is taken; stop what uses it, or set RELEASE_LEDGER_DEMO_PORT_BASE"
  # The wrapper execs java: the pid is the page server's.
  detach "$DEMO_DIR/serve.log" "$DEMO_DIR/serve.pid" env RELEASE_LEDGER_HOME="$DEMO_DIR/ledger" \
    RELEASE_LEDGER_KEY_FILE="$DEMO_DIR/ledger-key/ledger.key" "$CLI" serve --application "$APP" --port "$PAGE_PORT"
  local i
  for ((i = 0; i < 300; i++)); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PAGE_PORT/api/state" 2>/dev/null && return
    started_runs "$DEMO_DIR/serve.pid" || { cat "$DEMO_DIR/serve.log" >&2; die "the page server exited"; }
    sleep 0.2
  done
  die "the page did not answer within 60 s; log: $DEMO_DIR/serve.log"
}

# ---------------------------------------------------------------- commands

cmd_demo() {
  need_root
  check_settings
  mkdir -p "$DEMO_DIR"
  exec 8>"$DEMO_DIR/lock"
  flock -n 8 || die "another demo runs with $DEMO_DIR; wait for it"
  echo "Release Ledger demo: everything it makes is in $DEMO_DIR"

  step "Docker, the registry, HAProxy, git and a JDK (installed with apt-get and started when missing; loopback only)"
  services start "${SERVICES[@]}" 2>&1 | indent || die "could not install or start the services (above)"
  start_haproxy

  build_cli

  step "A sample repository with a bare remote: $DEMO_DIR/app (descriptor: release-ledger.yaml)"
  remove_containers
  rm -rf "$DEMO_DIR/ledger" "$DEMO_DIR/ledger-key"
  make_repository
  say "v1.0.0 is tagged; building it and deploying it to staging and production as the starting point"
  build 1.0.0
  rl -q -C "$DEMO_DIR/app" deploy --environment staging --version 1.0.0 >/dev/null
  rl -q -C "$DEMO_DIR/app" smoke-check --environment staging >/dev/null
  rl -q -C "$DEMO_DIR/app" promote --to production >/dev/null
  say "staging and production run 1.0.0"

  step "New commits, and release-ledger tag computes the next version from them, tags it and pushes the tag"
  (cd "$DEMO_DIR/app" && write_app "with a cart" && commit "feat(cart): a cart on the home page")
  (cd "$DEMO_DIR/app" && echo "{\"items\": [], \"currency\": \"EUR\"}" >www/api/cart.json && commit "fix: prices in euros")
  local good broken
  good=$(rl -C "$DEMO_DIR/app" tag --application "$APP" 2>"$DEMO_DIR/tag.log") ||
    { indent <"$DEMO_DIR/tag.log"; die "release-ledger tag failed (above)"; }
  indent <"$DEMO_DIR/tag.log"
  say "tags on the remote: $(git -C "$DEMO_DIR/remote.git" tag | paste -sd' ')"
  build "$good"

  step "Deploy $good to staging: each server drained in HAProxy, replaced, checked, put back"
  rl -C "$DEMO_DIR/app" deploy --environment staging --version "$good" 2>&1 >/dev/null | indent ||
    die "the deploy to staging failed (above)"

  step "Smoke-check staging"
  rl -C "$DEMO_DIR/app" smoke-check --environment staging 2>&1 | indent ||
    die "the smoke checks of staging failed (above)"

  step "Promote the digest that passed staging to production, under live traffic"
  traffic_start
  local promoted=true
  rl -C "$DEMO_DIR/app" promote --to production 2>&1 >/dev/null | indent || promoted=false
  traffic_stop
  $promoted || die "the promotion failed (above)"

  step "A broken version: its cart is gone. Tag, build, deploy to staging, smoke-check with automatic rollback"
  (cd "$DEMO_DIR/app" && git rm -q www/api/cart && commit "fix: the cart moved to cart.json")
  broken=$(rl -q -C "$DEMO_DIR/app" tag --application "$APP")
  say "tagged v$broken"
  build "$broken"
  rl -C "$DEMO_DIR/app" deploy --environment staging --version "$broken" 2>&1 >/dev/null | indent ||
    die "the deploy of $broken to staging failed (above)"
  if rl -C "$DEMO_DIR/app" smoke-check --environment staging --rollback-on-failure 2>&1 | indent; then
    die "the smoke checks passed on the broken version $broken; expected a failure and a rollback"
  fi

  step "What runs where"
  rl status --application "$APP" | indent

  step "The Releases page"
  serve
  echo
  echo "Releases page: http://127.0.0.1:$PAGE_PORT/"
  echo "Done in $((SECONDS - started)) s. Staging: http://127.0.0.1:$STAGING_PORT/  Production: http://127.0.0.1:$PRODUCTION_PORT/"
  echo "Try: RELEASE_LEDGER_HOME=$DEMO_DIR/ledger RELEASE_LEDGER_KEY_FILE=$DEMO_DIR/ledger-key/ledger.key ./release-ledger history --application $APP"
  # (a minimal Debian has no sudo: as root the command is the bare one)
  echo "Stop and remove it all: ${SUDO_USER:+sudo }./release-ledger demo --stop"
}

cmd_stop() {
  need_root --stop
  check_settings
  if [[ ! -d "$DEMO_DIR" ]]; then
    echo "release-ledger demo --stop: nothing to stop ($DEMO_DIR does not exist)"
    return
  fi
  exec 8>"$DEMO_DIR/lock"
  flock -w 60 8 || die "another demo runs with $DEMO_DIR"
  echo "Stopping what the demo started (demo directory $DEMO_DIR)"
  stop_pid "$DEMO_DIR/serve.pid" "serve --application $APP"
  stop_pid "$HAPROXY_DIR/haproxy.pid" haproxy
  if command -v docker >/dev/null 2>&1 && timeout 10 docker version >/dev/null 2>&1; then
    remove_containers
    say "removed the containers of $APP"
    local images
    images=$(docker images --format '{{.Repository}}:{{.Tag}}' |
      grep -E "^($REPOSITORY|$BUILD_IMAGE|$BASE_IMAGE)(:|$)" || true)
    # shellcheck disable=SC2086
    # (the base image stays while another demo's images are built on it)
    [[ -z "$images" ]] || docker rmi -f $images >/dev/null 2>&1 || true
    say "removed the demo's images"
  fi
  delete_registry_images
  if [[ -s "$DEMO_DIR/services/started" ]]; then
    services stop 2>&1 | indent
  else
    say "Docker and the registry were running before the demo: left running"
  fi
  rm -rf "$DEMO_DIR"
  say "removed $DEMO_DIR"
}

case "${1:-}" in
  "") cmd_demo ;;
  --stop) cmd_stop ;;
  -h | --help) usage ;;
  *) usage ;;
esac
