#!/usr/bin/env bash
# Prints (and creates) the offline binary directory for fabric8 kube-api-test:
#   <cache>/kube-api-test/k8s/<major.minor.patch>-linux-amd64/{kube-apiserver,etcd,kubectl}
# as symlinks to the binaries built by hack/cluster/build.sh (built first when missing).
# Use the printed directory as kube-api-test's binary dir (offline mode), e.g.
#   KUBE_API_TEST_DIR="$(hack/cluster/kube-api-test-dir.sh)"
# Only the directory is printed on stdout; progress goes to stderr.
set -euo pipefail
LOG_PREFIX=kube-api-test
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NEEDED=(kube-apiserver etcd kubectl)
need_build=0
for b in "${NEEDED[@]}"; do [[ -x "$(bin_path "${b}")" ]] || need_build=1; done
if ((need_build)); then
  "${CLUSTER_DIR}/build.sh" "${NEEDED[@]}" >&2
fi
require_binaries "${NEEDED[@]}"

case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
dir="${SWARM_CACHE}/kube-api-test"
vdir="${dir}/k8s/${K8S_VERSION#v}-linux-${arch}"   # purely numeric version, as kube-api-test wants
mkdir -p "${vdir}"
for b in "${NEEDED[@]}"; do
  ln -sfn "$(bin_path "${b}")" "${vdir}/${b}"
done
printf '%s\n' "${dir}"
