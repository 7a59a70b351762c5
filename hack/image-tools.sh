#!/usr/bin/env bash
# Installs what `make image` and `make image-test` need from Debian's own packages: buildah (builds
# the Dockerfile without a Docker engine), podman (runs the image), runc (the OCI runtime both use:
# Debian 12's crun refuses hosts with hybrid cgroups, v1 controllers plus a v2 hierarchy that holds
# one), debootstrap (makes the offline base images from Debian packages), curl (health checks).
# No daemon is started. Needs root (apt-get).
set -euo pipefail
say() { printf '[image-tools] %s\n' "$*" >&2; }

packages=(buildah podman runc debootstrap curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "${p}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${p}")
done
if ((${#missing[@]} == 0)); then
  say "already installed: $(buildah --version), $(podman --version), $(runc --version | head -n1), debootstrap $(dpkg-query -W -f='${Version}' debootstrap)"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  say "missing ${missing[*]}, and installing needs root: run 'sudo $0'"
  exit 1
fi
say "apt-get update"
apt-get update -qq
say "apt-get install ${missing[*]} (no recommends)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "installed: $(buildah --version), $(podman --version), $(runc --version | head -n1)"
