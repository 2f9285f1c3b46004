#!/bin/sh
# Runs a command inside a private network namespace with its own veth pair (10.254.0.1 on
# veth0), so that media tests never touch the host's real interfaces (see shared/E2E.md).
# ICE never uses loopback, so Janus and Chromium gather candidates on veth0.
set -e
if [ "$(id -u)" != "0" ]; then
  echo "e2e/netns.sh: creating a network namespace needs root" >&2
  exit 1
fi
exec unshare -n sh -c '
  set -e
  ip link set lo up
  ip link add veth0 type veth peer name veth1
  ip addr add 10.254.0.1/24 dev veth0
  ip addr add 10.254.0.2/24 dev veth1
  ip link set veth1 up
  ip link set veth0 up
  # Wait for carrier (LOWER_UP) on veth0; Janus skips an interface without it. Ask ip, not
  # /sys/class/net: sysfs still shows the host namespace after unshare -n.
  tries=0
  until ip -o link show veth0 | grep -q LOWER_UP; do
    tries=$((tries + 1))
    if [ "$tries" -ge 50 ]; then
      echo "e2e/netns.sh: veth0 has no carrier after 5 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  export ICE_INTERFACE=veth0
  # How many 0.1 s waits the carrier took, for diagnostics (and the test of this script).
  export NETNS_CARRIER_WAITS="$tries"
  exec "$@"
' netns "$@"
