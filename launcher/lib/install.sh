# shellcheck shell=bash
# Debian packages: what a node needs, installed only when missing; the docker CLI for the tests.

# What a node runs (container runtime, monitor, networking, the busybox base image, the database)
# and what the build and this script use (curl for health checks, unzip for the Maven wrapper).
NODE_PACKAGES=(conmon runc crun netavark aardvark-dns iptables busybox-static postgresql
  iproute2 procps util-linux curl unzip ca-certificates)

package_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# Installs the named Debian packages that are missing; apt-get update runs once, and only then.
install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  [[ $EUID -eq 0 ]] || die "missing packages (${missing[*]}); run as root to install them"
  say "installing ${missing[*]}"
  local apt_log="$BERTH_HOME/logs/apt.log"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" >&2
    die "apt-get failed installing ${missing[*]} (full log: $apt_log)"
  fi
}

# The tests drive the real docker CLI (never a Docker Engine). Debian 12 ships the CLI only inside
# docker.io, whose maintainer scripts would start dockerd: policy-rc.d forbids that for the install.
install_for_tests() {
  if command -v docker >/dev/null; then
    install_missing "${NODE_PACKAGES[@]}"
    return 0
  fi
  local policy=/usr/sbin/policy-rc.d
  [[ -e "$policy" ]] && die "the docker CLI is missing and $policy exists; install the docker CLI by hand"
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  install_missing "${NODE_PACKAGES[@]}" docker.io
  rm -f "$policy"
  trap - EXIT
  command -v docker >/dev/null || die "docker.io installed no docker CLI"
}
