#!/usr/bin/env bash
# Usage: hack/image.sh [IMAGE]     (make image)
# Builds the operator image from the Dockerfile with buildah: no Docker engine, no registry.
# The base images come from hack/image-base.sh (Debian packages, cached) and are passed as the
# Dockerfile's build arguments, so the recipe is the one `docker build .` uses with its defaults.
# The build stage's RUN steps get this machine's Maven repository mounted at /root/.m2/repository:
# it resolves what `make build` already downloaded and fetches anything missing through Maven's
# usual client (a ~/.m2/settings.xml, when there is one, is mounted read-only too). They also see
# this machine's Java trust store (/etc/ssl/certs/java/cacerts, read-only), so Maven in the build
# stage trusts the certificate authorities the host's Maven trusts (a TLS-inspecting proxy, say).
# Mounts are never part of the image.
# IMAGE defaults to the chart's default image, tradingswarm/swarm-operator:<appVersion>, which
# podman stores as localhost/tradingswarm/swarm-operator:<appVersion>.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[image] %s\n' "$*" >&2; }
app_version="$(sed -nE 's/^appVersion:[[:space:]]*"?([^"]+)"?[[:space:]]*$/\1/p' deploy/helm/swarm-operator/Chart.yaml)"
image="${1:-tradingswarm/swarm-operator:${app_version}}"
start=${SECONDS}

hack/image-tools.sh
bases="$(hack/image-base.sh)"
build_image="$(sed -n 's/^BUILD_IMAGE=//p' <<<"${bases}")"
runtime_image="$(sed -n 's/^RUNTIME_IMAGE=//p' <<<"${bases}")"

m2="${HOME}/.m2"
mkdir -p "${m2}/repository"
volumes=(-v "${m2}/repository:/root/.m2/repository")
[[ -f "${m2}/settings.xml" ]] && volumes+=(-v "${m2}/settings.xml:/root/.m2/settings.xml:ro")
[[ -f /etc/ssl/certs/java/cacerts ]] && volumes+=(-v "/etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro")

say "buildah build -t ${image} (build stage on ${build_image}, runtime on ${runtime_image})"
# --layers: unchanged steps come from buildah's cache, so a rebuild after a source change only
# re-runs the Maven package step. --network host: Maven reaches its repository as on the host.
# --format docker keeps the HEALTHCHECK (the OCI image format has no such field). --runtime runc:
# see hack/image-tools.sh.
buildah build --layers --force-rm --format docker --runtime runc --network host --pull=never \
  --build-arg "BUILD_IMAGE=${build_image}" --build-arg "RUNTIME_IMAGE=${runtime_image}" \
  "${volumes[@]}" -t "${image}" -f Dockerfile . >&2
size="$(podman image inspect --format '{{.Size}}' "${image}")"
say "built ${image} in $((SECONDS - start))s: $((size / 1000 / 1000)) MB ($(podman image inspect --format '{{.Id}}' "${image}" | cut -c1-12))"
