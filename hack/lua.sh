#!/usr/bin/env bash
# Installs Debian's Lua 5.1 for the Argo CD health-script tests: Argo CD runs health scripts in
# gopher-lua, which implements Lua 5.1, so the tests use the same language version.
set -euo pipefail
say() { printf '[lua] %s\n' "$*" >&2; }

if command -v lua5.1 >/dev/null; then
  say "already installed: $(lua5.1 -v 2>&1)"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  say "not installed, and installing needs root: run 'sudo $0'"
  exit 1
fi
say "apt-get update"
apt-get update -qq
say "apt-get install lua5.1"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lua5.1 >/dev/null
say "installed: $(lua5.1 -v 2>&1)"
