# shellcheck shell=bash
# The node's clean-up after the services stopped. It is the runtime worker's, which knows the node's layout
# (runtime-worker/README.md, "Taking a node down"): the launcher runs the worker's teardown entry point from its
# built jars as plain Java, so it works whether the worker stopped, crashed or never ran.

NODE_TEARDOWN_MAIN=io.berth.worker.node.teardown.NodeTeardown

worker_app_dir() { printf '%s/runtime-worker/target/quarkus-app' "$ROOT"; }

# Kills and deletes the containers, their leftover processes, mounts, network namespaces and cgroups of
# BERTH_HOME; prints what it removed. Never fails down: Kafka and PostgreSQL still have to stop.
teardown_node() {
  local app line
  app="$(worker_app_dir)"
  if ! compgen -G "$app/app/*.jar" >/dev/null; then
    say "node clean-up skipped: runtime-worker is not built ($app); ./berth up builds it, then run down again"
    return 0
  fi
  if ! find_java; then
    say "node clean-up skipped: it runs on a JDK 25 (expected at $TEMURIN_25, or set JAVA_HOME)"
    return 0
  fi
  # The jars, not quarkus-run.jar: the entry point is plain Java and must not start the worker.
  if ! "$JAVA_HOME/bin/java" -cp "$app/app/*:$app/lib/main/*" "$NODE_TEARDOWN_MAIN" "$BERTH_HOME" 9>&- </dev/null |
    while IFS= read -r line; do say "$line"; done; then
    say "the node clean-up left something behind (said above); launcher/README.md says how to finish by hand"
  fi
}
