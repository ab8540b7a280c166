# Processes the scripts start and stop, shared by scripts/test-services.sh and scripts/demo.sh (sourced by both).

# pid_alive FILE NAME: the process in FILE is alive and its command is NAME (not a reused pid)
pid_alive() {
  local file=$1 name=$2 pid line
  [[ -s "$file" ]] || return 1
  pid=$(<"$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # (no pipe into grep -q: under pipefail, grep ending before tr would fail the check)
  line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$line" == *"$name"* ]]
}

# started_runs FILE: the process in FILE, just started by the calling script, has not exited (an exited child is a
# zombie until reaped). The waits for a start use this, not pid_alive: on its way the process execs more than once
# after its command line first names it (setsid, nohup, env, the CLI's launcher, java), and the demo's page server was
# once taken for exited by a check of its command line while it ran on for minutes.
started_runs() {
  local pid stat
  [[ -s "$1" ]] || return 1
  pid=$(<"$1")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ -n "$stat" && "${stat:0:1}" != Z ]]
}

# detach LOG PIDFILE COMMAND...: COMMAND in the background in its own session, keeping no open file of ours but
# stdio: a lock held by whoever runs the calling script (`flock LOCK scripts/…`, the demo's own lock) must not stay
# held by dockerd, the registry, HAProxy or the page server for as long as they run.
detach() {
  local log=$1 pidfile=$2 fd
  shift 2
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid nohup "$@" </dev/null >"$log" 2>&1
  ) &
  local pid=$! i
  echo "$pid" >"$pidfile"
  # Until its exec the child's command line is this script's, and a check by name (pid_alive) would take it for a
  # process that already exited: wait for the exec (or the child's end).
  for ((i = 0; i < 200; i++)); do
    [[ -r "/proc/$pid/cmdline" ]] || break
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$1"* ]] && break
    sleep 0.05
  done
}
