# shellcheck shell=bash
# The commands ./berth answers: up, down, status, logs, test, help.

usage() {
  cat <<USAGE
usage: ./berth <command>
  up            install what is missing, build what is stale, start everything
  down          stop everything up started, containers included; data stays
  status        one line per part: running (pid, port) or stopped
  logs [part]   follow a part's log, or list the parts
  test [args]   install what tests need, then ./mvnw -B verify [args]
state: BERTH_HOME=${BERTH_HOME}
USAGE
}

cmd_up() {
  [[ $EUID -eq 0 ]] || die "up needs root: the worker mounts, makes namespaces and cgroups"
  ensure_home
  lock_home
  install_missing "${NODE_PACKAGES[@]}"
  select_java
  build_if_stale
  local before=0 part
  for part in "${PARTS[@]}"; do part_running "$part" && before=$((before + 1)); done
  up_postgres
  up_kafka
  for part in "${SERVICES[@]}"; do up_service "$part"; done
  if ((${#STARTED[@]} == 0)); then
    say "already running ($before parts; ./berth status)"
  fi
  if part_running gateway; then
    say "ready. Point docker at it:"
  else
    say "up without a gateway (no gateway/ module yet); once it is there, point docker at it with:"
  fi
  printf '  export DOCKER_HOST=tcp://127.0.0.1:%s\n' "${PORT[gateway]}"
  say "Berth's registry: 127.0.0.1:$REGISTRY_PORT (docker push 127.0.0.1:$REGISTRY_PORT/<repository>:<tag>)"
}

# The services first (the worker among them), so that nothing starts a container while the node is taken down.
cmd_down() {
  [[ $EUID -eq 0 ]] || die "down needs root: it unmounts and removes cgroups"
  [[ -d "$BERTH_HOME" ]] || { say "nothing under $BERTH_HOME"; return 0; }
  ensure_home
  lock_home
  local i pid
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_part "${SERVICES[i]}"; done
  # Services of this BERTH_HOME that lost their pid file (a crashed launcher) go the same way.
  for pid in $(strays '.*/quarkus-run\.jar'); do stop_pid "$pid" "stray service $pid"; done
  teardown_node
  stop_part kafka
  for pid in $(strays 'kafka\.Kafka'); do stop_pid "$pid" "stray broker $pid"; done
  pg_stop
  say "down; data kept in $BERTH_HOME"
}

# Exit status 3 (as pg_ctl and LSB scripts) when any part that exists here is not running.
cmd_status() {
  local part pid all=0
  for part in "${PARTS[@]}"; do
    if pid="$(part_pid "$part" 2>/dev/null)"; then
      printf '%-18s running  pid %-8s port %s\n' "$part" "$pid" "${PORT[$part]}"
    elif [[ "$part" != postgres && "$part" != kafka ]] && ! module_present "$part"; then
      printf '%-18s stopped  (no %s/ module in this repository)\n' "$part" "$part"
    else
      printf '%-18s stopped\n' "$part"
      all=3
    fi
  done
  return "$all"
}

cmd_logs() {
  local part="${1:-}"
  if [[ -z "$part" ]]; then
    for part in "${PARTS[@]}"; do
      printf '%-18s %s\n' "$part" "$(log_file "$part")"
    done
    return 0
  fi
  [[ -n "${PORT[$part]:-}" ]] || die "no part named $part; parts: ${PARTS[*]}"
  [[ -f "$(log_file "$part")" ]] || die "no log yet for $part ($(log_file "$part"))"
  exec tail -n 100 -F "$(log_file "$part")"
}

cmd_test() {
  [[ $EUID -eq 0 ]] || die "test needs root: it installs packages and the ITs run containers"
  ensure_home
  install_for_tests
  select_java
  cd "$ROOT" || exit
  exec ./mvnw -B verify "$@"
}

main() {
  local command="${1:-}"
  (($#)) && shift
  case "$command" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    test) cmd_test "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}
