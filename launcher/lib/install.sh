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

# What only the tests use: the docker CLI (Debian 12 ships it only inside docker.io), and what the fixture kit
# (test-kit/fixtures/berth-fixtures) makes images and other registries with: debootstrap, docker-registry, skopeo,
# htpasswd (apache2-utils), getfattr (attr), jq; and nft (nftables), with which the e2e suites check that no
# firewall rule of Berth's is left behind. The real API clients the e2e suites drive: docker-compose, and docker-py
# with pytest for its suite (Debian's /usr/bin/python3, whatever python3 comes first on the PATH).
TEST_PACKAGES=(docker.io debootstrap docker-registry skopeo apache2-utils attr jq nftables docker-compose python3-docker
  python3-pytest)

# The tests drive the real docker CLI (never a Docker Engine) and start docker-registry themselves, on ports of their
# own. docker.io's and docker-registry's maintainer scripts would start dockerd and a registry on :5000 (the port of
# Berth's own registry): policy-rc.d forbids that for the install.
install_for_tests() {
  local missing=() pkg
  for pkg in "${TEST_PACKAGES[@]}"; do
    if [[ "$pkg" == docker.io ]]; then
      command -v docker >/dev/null || missing+=("$pkg")
    else
      package_installed "$pkg" || missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    install_missing "${NODE_PACKAGES[@]}"
    return 0
  fi
  local policy=/usr/sbin/policy-rc.d ours=false
  if [[ -e "$policy" ]]; then
    # A machine made from a container image often has one already; one that forbids every start is what we need.
    grep -qx 'exit 101' "$policy" || die "packages ${missing[*]} are missing and $policy allows starts; install them by hand"
  else
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    ours=true
  fi
  install_missing "${NODE_PACKAGES[@]}" "${missing[@]}"
  if $ours; then
    rm -f "$policy"
    trap - EXIT
  fi
  command -v docker >/dev/null || die "docker.io installed no docker CLI"
}
