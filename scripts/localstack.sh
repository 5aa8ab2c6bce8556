#!/usr/bin/env bash
# Runs LocalStack (EC2, STS, SQS and EventBridge only) on this host, without Docker, for the end-to-end tests and the demo.
#
#   scripts/localstack.sh install                 create the cached virtual environment
#   scripts/localstack.sh start [options]         start (or reuse) LocalStack; prints endpoint=URL
#   scripts/localstack.sh stop  [--state-dir D]   stop it
#   scripts/localstack.sh status [--state-dir D]  say whether it runs, and where
#   scripts/localstack.sh venv                    install if needed, then print the virtual environment's path
#
# Options for start:
#   --state-dir DIR    where the pid, port and log live (default: target/localstack under the project)
#   --owner-pid PID    stop LocalStack when process PID ends (so a crashed test run leaves nothing behind)
#   --port N           listen on 127.0.0.1:N instead of a free port
#
# Environment:
#   RANCHER_SG_LOCALSTACK_HOME  cache for the virtual environment (default: ${XDG_CACHE_HOME:-~/.cache}/rancher-sg)
#   PYTHON                      the interpreter that creates it (default: python3; Python 3.10 to 3.13)
#
# Needs Linux (flock, setsid, /proc). The LocalStack version is the localstack-core pin in
# scripts/localstack-constraints.txt, the one place that names it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
constraints="$here/localstack-constraints.txt"
LOCALSTACK_VERSION=$(sed -n 's/^localstack-core==//p' "$constraints")
cache=${RANCHER_SG_LOCALSTACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rancher-sg}
venv="$cache/localstack-$LOCALSTACK_VERSION"
python=${PYTHON:-python3}

say() { printf 'localstack.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage_error() { say "$* (see scripts/localstack.sh --help)"; exit 64; }
# The comment block at the top of this file, without its '#'.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

# The venv is complete only when the marker holds the hash of the constraints it was built from,
# so a half-finished install (killed pip, full disk) or a changed pin set is rebuilt, not reused.
constraints_hash() { sha256sum "$constraints" | cut -d' ' -f1; }

install() {
  mkdir -p "$cache"
  # Two builds at once must not install into the same venv; the lock is released on return
  # so that no child (LocalStack itself) inherits it.
  exec 9>"$cache/.install.lock"
  flock 9
  install_locked
  local rc=$?
  exec 9>&-
  return $rc
}

install_locked() {
  if [[ -f "$venv/.complete" && "$(cat "$venv/.complete")" == "$(constraints_hash)" ]]; then
    return 0
  fi
  command -v "$python" >/dev/null || die "no '$python' on PATH: install Python 3.10 to 3.13 with venv and pip, or set PYTHON"
  "$python" - <<'PY' || die "LocalStack $LOCALSTACK_VERSION needs Python 3.10 to 3.13 (set PYTHON to one)"
import sys
sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)
PY
  say "installing localstack-core $LOCALSTACK_VERSION into $venv (once; takes about a minute)"
  local started=$SECONDS
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$constraints" "localstack-core[runtime]==$LOCALSTACK_VERSION" >&2
  constraints_hash >"$venv/.complete"
  say "installed in $((SECONDS - started)) s"
}

state_dir=""
owner_pid=""
port=""
parse_options() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --state-dir|--owner-pid|--port)
        [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"
        case "$1" in
          --state-dir) state_dir=$2 ;;
          --owner-pid) owner_pid=$2 ;;
          --port) port=$2 ;;
        esac
        shift 2 ;;
      *) usage_error "unknown option: $1" ;;
    esac
  done
  state_dir=${state_dir:-$project/target/localstack}
  mkdir -p "$state_dir"
  state_dir=$(cd "$state_dir" && pwd)
}

# The pid file may outlive its process (a reboot, a wiped /proc view): only a live process that is
# this LocalStack counts, so that no unrelated process is ever signalled.
running_pid() {
  local pid
  [[ -f "$state_dir/pid" ]] || return 1
  pid=$(cat "$state_dir/pid")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "localstack.runtime.main" || return 1
  echo "$pid"
}

# Start and stop of one state directory never overlap (two builds in one checkout, a test JVM's
# shutdown hook racing the next module's start).
lock_state() {
  exec 8>"$state_dir/.lock"
  flock 8
}

healthy() {
  local url=$1
  "$venv/bin/python" - "$url" <<'PY' 2>/dev/null
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_localstack/health", timeout=2) as r:
    body = json.load(r)
services = body.get("services", {})
sys.exit(0 if all(services.get(s) in ("available", "running") for s in ("ec2", "sts", "sqs", "events")) else 1)
PY
}

stop() {
  local pid
  if pid=$(running_pid); then
    # LocalStack was started in its own session: end the whole group (the runtime and its workers).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "stopped LocalStack (pid $pid)"
  fi
  rm -f "$state_dir/pid" "$state_dir/endpoint"
}

free_port() {
  "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install
  if running_pid >/dev/null && [[ -f "$state_dir/endpoint" ]] && healthy "$(cat "$state_dir/endpoint")"; then
    say "reusing LocalStack at $(cat "$state_dir/endpoint")"
    echo "endpoint=$(cat "$state_dir/endpoint")"
    return 0
  fi
  stop  # a leftover from a crashed run: its port and state are not to be trusted

  port=${port:-$(free_port)}
  local endpoint="http://127.0.0.1:$port"
  local log="$state_dir/localstack.log"
  mkdir -p "$state_dir/volume" "$state_dir/tmp"
  say "starting LocalStack $LOCALSTACK_VERSION on $endpoint (log: $log)"
  local started=$SECONDS
  # Everything that would reach the network is off: no DNS server, no certificate download,
  # no analytics events, no update checks.
  env SERVICES=ec2,sts,sqs,events \
      GATEWAY_LISTEN="127.0.0.1:$port" \
      DNS_ADDRESS=0 \
      SKIP_SSL_CERT_DOWNLOAD=1 \
      DISABLE_EVENTS=1 \
      DISABLE_CORS_CHECKS=1 \
      LOCALSTACK_VOLUME_DIR="$state_dir/volume" \
      TMPDIR="$state_dir/tmp" \
      EAGER_SERVICE_LOADING=1 \
      setsid "$venv/bin/python" -m localstack.runtime.main >"$log" 2>&1 </dev/null 8>&- &
  local pid=$!
  echo "$pid" >"$state_dir/pid"
  echo "$endpoint" >"$state_dir/endpoint"

  if [[ -n "$owner_pid" ]]; then
    # Watchdog: when the owner (a test JVM) ends, however it ends, LocalStack ends with it.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
                    kill -TERM -- "-$2" 2>/dev/null; sleep 3; kill -KILL -- "-$2" 2>/dev/null' \
      watchdog "$owner_pid" "$pid" >/dev/null 2>&1 </dev/null 8>&- &
  fi

  local deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 || true
      rm -f "$state_dir/pid" "$state_dir/endpoint"
      die "LocalStack exited during start-up; its log is $log"
    fi
    if healthy "$endpoint"; then
      say "LocalStack ready in $((SECONDS - started)) s"
      echo "endpoint=$endpoint"
      return 0
    fi
    sleep 0.2
  done
  stop
  die "LocalStack did not report EC2 healthy within 120 s; its log is $log"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "running pid=$pid endpoint=$(cat "$state_dir/endpoint" 2>/dev/null)"
  else
    echo "stopped"
    return 3
  fi
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case "$command" in
  install) install ;;
  venv) install; echo "$venv" ;;
  start) parse_options "$@"; lock_state; start ;;
  stop) parse_options "$@"; lock_state; stop ;;
  status) parse_options "$@"; status ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 64 ;;
esac
