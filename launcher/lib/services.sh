# shellcheck shell=bash
# The services: their environment, how each is started, when it counts as ready.

service_ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${HEALTH_PORT[$1]:-${PORT[$1]}}/q/health/ready"; }

# The environment of every service: docs/internal-api.md. Only loopback addresses.
service_env() {
  cat <<EOF
BERTH_HOME=$BERTH_HOME
BERTH_BIND_HOST=127.0.0.1
BERTH_DB_URL=postgresql://127.0.0.1:${PORT[postgres]}/berth
BERTH_DB_USER=berth
BERTH_DB_PASSWORD=berth
BERTH_KAFKA_BOOTSTRAP=127.0.0.1:${PORT[kafka]}
BERTH_CONTAINER_SERVICE_URL=http://127.0.0.1:${PORT[container-service]}
BERTH_IMAGE_SERVICE_URL=http://127.0.0.1:${PORT[image-service]}
BERTH_VOLUME_SERVICE_URL=http://127.0.0.1:${PORT[volume-service]}
BERTH_NETWORK_SERVICE_URL=http://127.0.0.1:${PORT[network-service]}
BERTH_WORKER_URL=http://127.0.0.1:${PORT[runtime-worker]}
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOME=${HOME:-/root}
LANG=C.UTF-8
JAVA_HOME=$JAVA_HOME
EOF
  [[ -z "$BERTH_ADDRESS_POOLS" ]] || printf 'BERTH_ADDRESS_POOLS=%s\n' "$BERTH_ADDRESS_POOLS"
}

up_service() {
  local service="$1" pid
  live_pid "$service" >/dev/null && return 0
  if ! module_present "$service"; then
    say "skipping $service: no $service/ module in this repository yet"
    return 0
  fi
  [[ -f "$(service_jar "$service")" ]] || die "$(service_jar "$service") is missing after the build"
  ensure_port_free "$service"
  local env_args=()
  mapfile -t env_args < <(service_env)
  # Each service listens where PORT says (application.properties has the offset-0 defaults).
  env_args+=("QUARKUS_HTTP_PORT=${PORT[$service]}")
  [[ -n "${HEALTH_PORT[$service]:-}" ]] && env_args+=("QUARKUS_MANAGEMENT_PORT=${HEALTH_PORT[$service]}")
  # The gateway serves Berth's registry there; image-service knows a push to it from a push to another registry.
  [[ "$service" == gateway || "$service" == image-service ]] && env_args+=("BERTH_REGISTRY_PORT=$REGISTRY_PORT")
  # shellcheck disable=SC2086 # BERTH_JAVA_OPTS is a list of JVM flags, split on purpose.
  (cd "$BERTH_HOME" && exec env -i "${env_args[@]}" setsid "$JAVA_HOME/bin/java" \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $BERTH_JAVA_OPTS \
    -jar "$(service_jar "$service")") </dev/null >>"$(log_file "$service")" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$service")"
  STARTED+=("$service")
  wait_ready "$service" "$pid" service_ready
  say "started $service (pid $pid, port ${PORT[$service]})"
}
