#!/usr/bin/env bash
# Shows whether the local cluster "swarm" is up, its server version, its components (pid, state,
# listening addresses) and its nodes.
# Exit code: 0 when up (/readyz ok and every component process alive), 1 otherwise.
set -euo pipefail
LOG_PREFIX=status
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -d "${CLUSTER_WORKDIR}" || ! -f "${CLUSTER_KUBECONFIG}" ]]; then
  echo "cluster '${CLUSTER_NAME}': down (no ${CLUSTER_WORKDIR#"${REPO_ROOT}/"})"
  exit 1
fi
require_binaries kubectl

stopped=0
components() {
  local f p state addrs
  for f in "${CLUSTER_WORKDIR}"/pids/*.pid; do
    [[ -f "${f}" ]] || continue
    p="$(tr -dc '0-9' <"${f}")"
    if [[ -n "${p}" && -d "/proc/${p}" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/${p}/status" 2>/dev/null; then
      state=running
    else
      state=STOPPED
      stopped=1
    fi
    addrs=""
    if [[ "${state}" == running ]] && command -v ss >/dev/null 2>&1; then
      addrs="$(ss -Hltnp 2>/dev/null | awk -v pid="pid=${p}," 'index($0, pid) {printf "%s ", $4}')"
    fi
    printf '  %-24s pid %-8s %-8s %s\n' "$(basename "${f}" .pid)" "${p}" "${state}" "${addrs}"
  done
}

if [[ "$(kctl get --raw /readyz --request-timeout=5s 2>/dev/null)" != "ok" ]]; then
  echo "cluster '${CLUSTER_NAME}': NOT healthy (/readyz fails); logs: ${CLUSTER_WORKDIR}/logs"
  echo "components:"
  components
  exit 1
fi

server="$(kctl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
version="$(kctl get --raw /version | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')"
comp="$(components)"
if grep -q STOPPED <<<"${comp}"; then stopped=1; fi
if ((stopped)); then
  echo "cluster '${CLUSTER_NAME}': DEGRADED (API up, a component is stopped; logs: ${CLUSTER_WORKDIR}/logs)"
else
  echo "cluster '${CLUSTER_NAME}': up"
fi
echo "  server:     ${server}"
echo "  version:    ${version}"
echo "  kubeconfig: ${CLUSTER_KUBECONFIG}   (export KUBECONFIG=${CLUSTER_KUBECONFIG#"${REPO_ROOT}/"})"
echo "  workdir:    ${CLUSTER_WORKDIR}   (logs in logs/)"
echo "components:"
printf '%s\n' "${comp}"
echo "nodes:"
kctl get nodes -o wide | sed 's/^/  /'
((stopped == 0))
