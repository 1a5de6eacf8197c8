# shellcheck shell=bash
# Berth's own PostgreSQL cluster under BERTH_HOME: made once, started, provisioned, stopped.

pg_as() { (cd / && runuser -u postgres -- "$@"); }
# The postmaster's pid, if postmaster.pid names a live postgres (a stale file survives a crash).
pg_pid() {
  local pid
  pid="$(head -n 1 "$(pg_data)/postmaster.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
  printf '%s' "$pid"
}
pg_psql() { pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_socket_dir)" -p "${PORT[postgres]}" -U postgres "$@"; }

# The cluster belongs to the postgres OS user, as Debian's own clusters do; initdb refuses root.
pg_init() {
  [[ -f "$(pg_data)/PG_VERSION" ]] && return 0
  pg_as test -x "$BERTH_HOME" || die "the postgres user cannot enter $BERTH_HOME; make it and its parents world-searchable"
  install -d -o postgres -g postgres -m 0700 "$(pg_data)"
  if ! pg_as "$PG_BIN/initdb" -D "$(pg_data)" -U postgres -E UTF8 --no-locale \
      --auth-local=peer --auth-host=scram-sha-256 >"$(log_file postgres-initdb)" 2>&1; then
    cat "$(log_file postgres-initdb)" >&2
    die "initdb failed"
  fi
}

pg_start() {
  install -d -o postgres -g postgres -m 0755 "$(pg_socket_dir)"
  touch "$(log_file postgres)"
  chown postgres:postgres "$(log_file postgres)"
  # Settings on the command line rather than in postgresql.conf: they follow BERTH_HOME if it moves.
  local options
  options="-c port=${PORT[postgres]} -c listen_addresses=127.0.0.1 -c unix_socket_directories=$(pg_socket_dir)"
  if ! pg_as "$PG_BIN/pg_ctl" start -D "$(pg_data)" -w -t "$BERTH_START_TIMEOUT" \
      -l "$(log_file postgres)" -o "$options" >/dev/null 9>&-; then
    start_failed postgres "did not start"
  fi
  STARTED+=(postgres)
}

# Role and database for the services, made once; each service then creates its own schema.
pg_provision() {
  if [[ -z "$(pg_psql -d postgres -tAc "select 1 from pg_roles where rolname = 'berth'")" ]]; then
    pg_psql -d postgres -c "create role berth login password 'berth'"
  fi
  if [[ -z "$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = 'berth'")" ]]; then
    pg_psql -d postgres -c "create database berth owner berth"
  fi
}

up_postgres() {
  if pg_pid >/dev/null; then return 0; fi
  ensure_port_free postgres
  pg_init
  pg_start
  pg_provision
  say "started postgres (port ${PORT[postgres]})"
}

pg_stop() {
  pg_pid >/dev/null || return 0
  pg_as "$PG_BIN/pg_ctl" stop -D "$(pg_data)" -m fast -w -t "$BERTH_STOP_TIMEOUT" >/dev/null ||
    pg_as "$PG_BIN/pg_ctl" stop -D "$(pg_data)" -m immediate -w >/dev/null || true
  say "stopped postgres"
}
