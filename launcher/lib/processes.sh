# shellcheck shell=bash
# The launcher's own processes: pid files, liveness, ports, starting and stopping, strays.

# The pid recorded for a part, if that process is still alive.
live_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  printf '%s' "$pid"
}

# Alive and not a zombie: a child of this shell that has exited still answers kill -0.
alive() { [[ -e "/proc/$1" && "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# SIGTERM, then SIGKILL to the process group (setsid made the part its leader) after the timeout.
stop_pid() {
  local pid="$1" name="$2" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid"; do
    if ((waited >= BERTH_STOP_TIMEOUT * 5)); then
      say "$name did not stop in ${BERTH_STOP_TIMEOUT}s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  # SIGKILL is delivered asynchronously: wait until the process is really gone (or a zombie).
  while alive "$pid"; do sleep 0.1; done
}

# Java processes running $1 (a quarkus-run.jar or kafka.Kafka) that carry this BERTH_HOME in their
# environment, whatever the pid files say: what a crashed launcher lost track of.
strays() {
  local pattern="$1" proc pid
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    [[ "$pid" == "$$" ]] && continue
    tr '\0' '\n' 2>/dev/null <"$proc/cmdline" | grep -qxE "$pattern" || continue
    tr '\0' '\n' 2>/dev/null <"$proc/environ" | grep -qxF "BERTH_HOME=$BERTH_HOME" || continue
    printf '%s\n' "$pid"
  done
}

# Fails with the tail of the part's log; up then stops what it started.
start_failed() {
  local part="$1" why="$2"
  printf 'berth: %s %s; last lines of %s:\n' "$part" "$why" "$(log_file "$part")" >&2
  tail -n 30 "$(log_file "$part")" >&2 || true
  stop_started
  exit 1
}

# Waits until probe succeeds, while the process lives, for at most BERTH_START_TIMEOUT seconds.
wait_ready() {
  local part="$1" pid="$2" probe="$3" deadline=$((SECONDS + BERTH_START_TIMEOUT))
  until "$probe" "$part"; do
    alive "$pid" || start_failed "$part" "exited while starting"
    ((SECONDS < deadline)) || start_failed "$part" "was not ready after ${BERTH_START_TIMEOUT}s"
    sleep 0.5
  done
}

# Refuses to start a part on a port that something else already holds.
ensure_port_free() {
  port_open "${PORT[$1]}" && die "port ${PORT[$1]} (for $1) is in use by a process Berth did not start"
  if [[ "$1" == gateway ]] && port_open "$REGISTRY_PORT"; then
    die "port $REGISTRY_PORT (for the gateway's registry) is in use by a process Berth did not start"
  fi
  return 0
}

stop_part() {
  local part="$1" pid
  pid="$(live_pid "$part")" || { rm -f "$(pid_file "$part")"; return 0; }
  stop_pid "$pid" "$part"
  rm -f "$(pid_file "$part")"
  say "stopped $part"
}

stop_started() {
  local i part
  ((${#STARTED[@]})) || return 0
  say "stopping what this run started: ${STARTED[*]}"
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    part="${STARTED[i]}"
    case "$part" in
      postgres) pg_stop ;;
      *) stop_part "$part" ;;
    esac
  done
}

part_running() {
  case "$1" in
    postgres) pg_pid >/dev/null ;;
    *) live_pid "$1" >/dev/null ;;
  esac
}

part_pid() {
  case "$1" in
    postgres) pg_pid ;;
    *) live_pid "$1" ;;
  esac
}
