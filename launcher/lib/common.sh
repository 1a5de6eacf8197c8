# shellcheck shell=bash
# What every part of the launcher shares: settings, the parts and their ports, messages, paths under BERTH_HOME,
# the JDK, and the one-launcher-at-a-time lock. Sourced by ./berth, which sets ROOT.
# shellcheck disable=SC2034 # the settings below are read by the other files of launcher/lib

# Canonical, so it compares equal to the paths in /proc/self/mountinfo and /proc/*/root.
BERTH_HOME="$(realpath -m "${BERTH_HOME:-/var/lib/berth}")"
BERTH_START_TIMEOUT="${BERTH_START_TIMEOUT:-180}"
BERTH_STOP_TIMEOUT="${BERTH_STOP_TIMEOUT:-30}"
BERTH_JAVA_OPTS="${BERTH_JAVA_OPTS:-}"
TEMURIN_25="/usr/lib/jvm/temurin-25-jdk-amd64"
PG_BIN="/usr/lib/postgresql/15/bin"

# Added to every port below, so that a second platform (another BERTH_HOME) can run beside the first on one machine:
# the e2e suites of two work trees, for one. 0 gives the ports of docs/internal-api.md.
BERTH_PORT_OFFSET="${BERTH_PORT_OFFSET:-0}"
[[ "$BERTH_PORT_OFFSET" =~ ^[0-9]{1,4}$ ]] || { printf 'berth: BERTH_PORT_OFFSET must be a number from 0 to 9999\n' >&2; exit 2; }

# Where container networks take their subnets (network-service's berth.network.address-pools, "<base CIDR>:<prefix
# length>,..."): two platforms on one machine share its routing table, so a platform moved by BERTH_PORT_OFFSET takes
# 10.<100 + offset/100 mod 150>.0.0/16 in /24s (offset 4000: 10.140.0.0/16), apart from every other offset that is
# not a multiple of 15000 away; offset 0 keeps dockerd's pools (172.17.0.0/16 first).
if [[ -z "${BERTH_ADDRESS_POOLS:-}" && "$BERTH_PORT_OFFSET" != 0 ]]; then
  BERTH_ADDRESS_POOLS="10.$((100 + BERTH_PORT_OFFSET / 100 % 150)).0.0/16:24"
fi
BERTH_ADDRESS_POOLS="${BERTH_ADDRESS_POOLS:-}"

# Parts in start order; down walks it backwards. Ports come from docs/internal-api.md.
PARTS=(postgres kafka image-service volume-service network-service runtime-worker container-service gateway)
SERVICES=(image-service volume-service network-service runtime-worker container-service gateway)
declare -A PORT=(
  [postgres]=$((15432 + BERTH_PORT_OFFSET)) [kafka]=$((19092 + BERTH_PORT_OFFSET))
  [gateway]=$((2375 + BERTH_PORT_OFFSET)) [container-service]=$((8081 + BERTH_PORT_OFFSET))
  [image-service]=$((8082 + BERTH_PORT_OFFSET)) [volume-service]=$((8083 + BERTH_PORT_OFFSET))
  [network-service]=$((8084 + BERTH_PORT_OFFSET)) [runtime-worker]=$((8085 + BERTH_PORT_OFFSET))
)
KAFKA_CONTROLLER_PORT=$((19093 + BERTH_PORT_OFFSET))
# Berth's registry, the gateway's second listener (gateway/README.md, "The registry port").
REGISTRY_PORT=$((5000 + BERTH_PORT_OFFSET))
# A part whose health is not on its own port: the gateway keeps /q/ off the Docker API (gateway/README.md, "Health").
declare -A HEALTH_PORT=([gateway]=$((8086 + BERTH_PORT_OFFSET)))

# Parts started by this invocation, stopped again if a later one fails to come up.
STARTED=()

say() { printf 'berth: %s\n' "$*"; }
die() { printf 'berth: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- paths

log_file() { printf '%s/logs/%s.log' "$BERTH_HOME" "$1"; }
pid_file() { printf '%s/run/%s.pid' "$BERTH_HOME" "$1"; }
service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$ROOT" "$1"; }
pg_data() { printf '%s/postgres' "$BERTH_HOME"; }
# Inside BERTH_HOME so that Berth's server never meets the system cluster's socket in /run/postgresql.
pg_socket_dir() { printf '%s/run/postgres' "$BERTH_HOME"; }
kafka_dir() { printf '%s/kafka' "$BERTH_HOME"; }
# A module counts once the root pom lists it: a directory still being written is not built yet.
module_present() { [[ -f "$ROOT/$1/pom.xml" ]] && grep -q "<module>$1</module>" "$ROOT/pom.xml"; }

ensure_home() {
  install -d -m 0755 "$BERTH_HOME" "$BERTH_HOME/logs" "$BERTH_HOME/run"
}

# One launcher at a time per BERTH_HOME: up and down both rewrite pid files. Every long-lived
# process up starts gets "9>&-", or it would hold the lock after the launcher exits.
lock_home() {
  exec 9>"$BERTH_HOME/run/launcher.lock"
  flock -n 9 || die "another ./berth is working on $BERTH_HOME"
}

# ---------------------------------------------------------------- java

# Accepts JAVA_HOME when it is a JDK 25, else Temurin 25 where these machines keep it; fails when neither is.
find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$TEMURIN_25"; do
    [[ -n "$candidate" && -x "$candidate/bin/javac" && -f "$candidate/release" ]] || continue
    if grep -q '^JAVA_VERSION="25' "$candidate/release"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  return 1
}

select_java() {
  find_java || die "Berth needs a JDK 25 (Temurin 25 JDK, expected at $TEMURIN_25); install it or set JAVA_HOME to a JDK 25"
}
