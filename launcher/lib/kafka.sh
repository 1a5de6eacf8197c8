# shellcheck shell=bash
# Berth's single-node Kafka broker (KRaft) under BERTH_HOME: its jars, configuration, storage and process.

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1
}

# The broker's jars come from Maven Central through launcher/kafka/pom.xml, once per version.
kafka_fetch_libs() {
  local version dir libs
  version="$(kafka_version)"
  [[ -n "$version" ]] || die "no kafka.version in $ROOT/pom.xml"
  dir="$(kafka_dir)"
  libs="$dir/libs"
  [[ -f "$libs/.version" && "$(<"$libs/.version")" == "$version" ]] && return 0
  say "fetching Kafka $version jars into $libs"
  rm -rf "$libs.new"
  if ! (cd "$ROOT" && ./mvnw -B -q -f launcher/kafka/pom.xml dependency:copy-dependencies \
      -Dkafka.version="$version" -DoutputDirectory="$libs.new") >"$(log_file kafka-libs)" 2>&1; then
    tail -n 30 "$(log_file kafka-libs)" >&2
    die "could not fetch the Kafka jars (full log: $(log_file kafka-libs))"
  fi
  printf '%s\n' "$version" >"$libs.new/.version"
  rm -rf "$libs"
  mv "$libs.new" "$libs"
}

kafka_java() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$(kafka_dir)/libs/*" "$@"
}

# Written on every up, so it always names the current BERTH_HOME.
kafka_write_config() {
  cat >"$(kafka_dir)/server.properties" <<EOF
# Written by ./berth up; edits are lost on the next up.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:${PORT[kafka]},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${PORT[kafka]}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:${KAFKA_CONTROLLER_PORT}
log.dirs=$(kafka_dir)/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
EOF
}

# Formats the KRaft log dir once, as a single-node dynamic quorum; the cluster id is kept beside it.
kafka_format() {
  local dir id
  dir="$(kafka_dir)"
  [[ -f "$dir/data/meta.properties" ]] && return 0
  if [[ ! -s "$dir/cluster-id" ]]; then
    kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$dir/cluster-id"
  fi
  id="$(<"$dir/cluster-id")"
  if ! kafka_java kafka.tools.StorageTool format --standalone -t "$id" -c "$dir/server.properties" \
      >"$(log_file kafka-format)" 2>&1; then
    cat "$(log_file kafka-format)" >&2
    die "formatting Kafka storage failed"
  fi
}

kafka_ready() { port_open "${PORT[kafka]}"; }

up_kafka() {
  live_pid kafka >/dev/null && return 0
  ensure_port_free kafka
  mkdir -p "$(kafka_dir)/data"
  kafka_fetch_libs
  kafka_write_config
  kafka_format
  # setsid: the broker outlives this shell and its terminal; BERTH_HOME in its environment lets
  # down find it even without its pid file.
  (cd "$(kafka_dir)" && BERTH_HOME="$BERTH_HOME" exec setsid "$JAVA_HOME/bin/java" -Xms256m -Xmx1g \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn \
    -cp "$(kafka_dir)/libs/*" kafka.Kafka "$(kafka_dir)/server.properties") \
    </dev/null >>"$(log_file kafka)" 2>&1 9>&- &
  local pid=$!
  printf '%s\n' "$pid" >"$(pid_file kafka)"
  STARTED+=(kafka)
  wait_ready kafka "$pid" kafka_ready
  say "started kafka (pid $pid, port ${PORT[kafka]})"
}
