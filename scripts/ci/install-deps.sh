#!/usr/bin/env bash
# Debian packages the test tiers need: a real ROS 1 master and clients (ros-core, roswtf), Chromium
# for the browser tests, libkrb5-dev to build code-server's native modules, iproute2 for network
# namespaces, Cyclone DDS and Fast DDS (libraries, tools, the discovery server) for the real DDS
# participants the tests build, tshark for captures, zsh/dash/python3-dotenv/python3-yaml as the real
# consumers of the exports. Idempotent; fails loudly.
set -euo pipefail
PKGS=(ros-core python3-roswtf chromium libkrb5-dev iproute2 cyclonedds-tools cyclonedds-dev libfastrtps-dev fastdds-tools tshark zsh dash python3-dotenv python3-yaml procps)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages: ${missing[*]} (run as root or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || { echo "install-deps: apt-get update failed" >&2; exit 1; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "install-deps: apt-get install failed for ${missing[*]}" >&2; exit 1; }
fi
for bin in rosmaster rostopic rosnode roswtf chromium ip; do
  command -v "$bin" >/dev/null || { echo "install-deps: '$bin' not found after install" >&2; exit 1; }
done
echo "install-deps: ok (${PKGS[*]})"
