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
  # Wait for carrier on both ends; Janus skips an interface without it.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    if [ "$(cat /sys/class/net/veth0/carrier 2>/dev/null)" = "1" ]; then break; fi
    sleep 0.2
  done
  export ICE_INTERFACE=veth0
  exec "$@"
' netns "$@"
