#!/usr/bin/env bash
# A private docker engine (Debian's docker.io, as root) for the tests and CI: its own data dir,
# socket and network namespace, so its bridges stay there and the host's interfaces and firewall
# are not touched. `install` brings docker.io with apt; `start` prints the engine's address (for
# DOCKER_HOST); `stop` ends it and removes everything it made. SC_DOCKERD_DIR and
# SC_DOCKERD_NETNS name the dir and namespace. Every wait is bounded: it fails, it never hangs.
set -uo pipefail
BASE=${SC_DOCKERD_DIR:-/var/tmp/supercharger-ci-dockerd}
NS=${SC_DOCKERD_NETNS:-supercharger-ci-docker}
SOCK="unix://$BASE/docker.sock"

install() {  # bounded, so that a dead mirror cannot hang CI
  command -v dockerd >/dev/null && return 0
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -q >&2 || return 1
  timeout 600 apt-get install -y -q --no-install-recommends docker.io >&2
}

ping_engine() {
  timeout 5 docker -H "$SOCK" version >/dev/null 2>&1
}

start() {
  command -v dockerd >/dev/null || { echo "dockerd: not installed (docker.io)" >&2; return 1; }
  stop 2>/dev/null
  mkdir -p "$BASE"
  ip netns add "$NS" && ip -n "$NS" link set lo up || return 1
  # nsenter joins the network namespace only (ip netns exec would remount /sys, hiding cgroups)
  setsid nsenter --net="/run/netns/$NS" dockerd --data-root="$BASE/data" --exec-root="$BASE/exec" \
    -H "$SOCK" --pidfile="$BASE/pid" --iptables=false --ip6tables=false --bridge=none \
    >"$BASE/log" 2>&1 </dev/null &
  local launcher=$!
  for _ in $(seq 120); do
    ping_engine && { echo "$SOCK"; return 0; }
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.5
  done
  echo "dockerd did not answer (60 s at most); its log ends:" >&2
  tail -n 5 "$BASE/log" >&2
  return 1
}

stop() {
  if [ -f "$BASE/pid" ]; then
    pid=$(cat "$BASE/pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  fi
  # every mount the engine left under $BASE (overlays, netns files), deepest first
  awk -v base="$BASE/" 'index($2, base) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r mnt; do umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null; done
  umount -R "$BASE" 2>/dev/null
  ip netns del "$NS" 2>/dev/null
  rm -rf "$BASE"
}

case "${1:-}" in
  install) install || { echo "dockerd: apt-get could not install docker.io" >&2; exit 1; } ;;
  start) start ;;
  stop) stop; true ;;
  *) echo "usage: scripts/dockerd.sh install|start|stop" >&2; exit 2 ;;
esac
