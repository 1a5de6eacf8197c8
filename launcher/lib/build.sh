# shellcheck shell=bash
# Building the services when a jar is missing or older than its sources.

# Library modules every service links against: any top-level Maven module that is not a service
# nor tests-only. A change there makes every service jar stale.
library_modules() {
  local dir name
  for dir in "$ROOT"/*/pom.xml; do
    name="$(basename "$(dirname "$dir")")"
    case " ${SERVICES[*]} e2e bench test-kit launcher " in
      *" $name "*) ;;
      *) printf '%s\n' "$name" ;;
    esac
  done
}

# True when the service's jar is missing or any of its sources (or the shared ones) is newer.
service_stale() {
  local jar sources=("$ROOT/pom.xml" "$ROOT/$1/pom.xml") lib
  jar="$(service_jar "$1")"
  [[ -f "$jar" ]] || return 0
  [[ -d "$ROOT/$1/src/main" ]] && sources+=("$ROOT/$1/src/main")
  while read -r lib; do
    sources+=("$ROOT/$lib/pom.xml")
    [[ -d "$ROOT/$lib/src/main" ]] && sources+=("$ROOT/$lib/src/main")
  done < <(library_modules)
  [[ -n "$(find "${sources[@]}" -newer "$jar" -type f -print -quit)" ]]
}

build_if_stale() {
  local service reason=""
  if [[ "${BERTH_REBUILD:-0}" == 1 ]]; then
    reason="BERTH_REBUILD=1"
  else
    for service in "${SERVICES[@]}"; do
      module_present "$service" && service_stale "$service" && { reason="$service is not built or stale"; break; }
    done
  fi
  [[ -n "$reason" ]] || return 0
  say "building ($reason): ./mvnw -B -q install -DskipTests"
  local build_log="$BERTH_HOME/logs/build.log"
  if ! (cd "$ROOT" && ./mvnw -B -q install -DskipTests) >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    die "build failed (full log: $build_log)"
  fi
}
