#!/usr/bin/env bash
# Installs Debian's `prometheus` binary for the component tests, which start their own instance on
# 127.0.0.1. The package's postinst would start a service listening on every interface, so a
# policy-rc.d forbids service starts for the duration of the install.
set -euo pipefail
say() { printf '[prometheus] %s\n' "$*" >&2; }

if command -v prometheus >/dev/null; then
  say "already installed: $(prometheus --version 2>&1 | head -n1)"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  say "not installed, and installing needs root: run 'sudo $0'"
  exit 1
fi

policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e "${policy}" ]]; then
  printf '#!/bin/sh\n# Written by hack/prometheus.sh while it installs prometheus: start no services.\nexit 101\n' >"${policy}"
  chmod 755 "${policy}"
  created_policy=true
fi
remove_policy() { if "${created_policy}"; then rm -f "${policy}"; fi; }
trap remove_policy EXIT

say "apt-get update"
apt-get update -qq
say "apt-get install prometheus (no recommends, no services started)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
say "installed: $(prometheus --version 2>&1 | head -n1)"
