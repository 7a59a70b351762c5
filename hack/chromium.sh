#!/usr/bin/env bash
# Installs Debian's `chromium` for the dashboard's browser tests (cli, tag e2e), which start it
# headless on 127.0.0.1 and drive it over the Chrome DevTools Protocol. fonts-dejavu-core gives
# the page (and docs/dashboard.png) readable glyphs on a machine without any font.
set -euo pipefail
say() { printf '[chromium] %s\n' "$*" >&2; }

if command -v chromium >/dev/null; then
  say "already installed: $(chromium --version 2>/dev/null | head -n1)"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  say "not installed, and installing needs root: run 'sudo $0'"
  exit 1
fi
say "apt-get update"
apt-get update -qq
say "apt-get install chromium (no recommends)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
say "installed: $(chromium --version 2>/dev/null | head -n1)"
