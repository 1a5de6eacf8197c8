# shellcheck shell=bash
# What the bench scripts share: the reference Docker Engine, started on its own socket and state directory
# (never port 2375, never /var/lib/docker), the same busybox imported into it, and medians.
# Needs REF_DIR, REF_SOCK and REF_HOST set by the script that sources it.

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

install_reference_engine() {
  command -v dockerd >/dev/null && return
  say "installing Docker Engine (Debian's docker.io) as the reference"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
}

start_reference_engine() {
  mkdir -p "$REF_DIR"
  # Own socket, data root, exec root and pid file; no bridge, no iptables: nothing of the host's changes.
  dockerd --host "$REF_HOST" --data-root "$REF_DIR/data" --exec-root "$REF_DIR/exec" \
    --pidfile "$REF_DIR/dockerd.pid" --bridge none --iptables=false --ip-forward=false --ip-masq=false \
    >"$REF_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 100); do
    docker -H "$REF_HOST" version >/dev/null 2>&1 && return
    sleep 0.2
  done
  tail -20 "$REF_DIR/dockerd.log" >&2
  die "Docker Engine did not start"
}

stop_reference_engine() {
  [[ -f "$REF_DIR/dockerd.pid" ]] || return 0
  local pid
  pid="$(cat "$REF_DIR/dockerd.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    [[ -e "/proc/$pid" ]] || break
    sleep 0.1
  done
  # Unmount what the engine left under its own directory (netns, overlay), deepest first.
  awk -v dir="$REF_DIR" '$5 ~ "^"dir {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
}

# The same image on both sides: Debian's busybox-static with its applets, imported into the reference engine.
load_busybox_into_reference() {
  docker -H "$REF_HOST" image inspect busybox:latest >/dev/null 2>&1 && return
  local rootfs
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  tar -C "$rootfs" -c . | docker -H "$REF_HOST" import --change 'CMD ["sh"]' - busybox:latest >/dev/null
  rm -rf "$rootfs"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
