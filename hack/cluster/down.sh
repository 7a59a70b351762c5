#!/usr/bin/env bash
# Stops the local cluster "swarm" and removes its state (.cache/cluster/kwok/clusters/swarm and
# .cache/cluster/kubeconfig). Uses `kwokctl delete cluster`, then kills anything left over by the
# pids kwokctl recorded (and any process still running from the cluster directory), and checks
# that no process and no listening port of the cluster remains. Safe to run when nothing is up.
set -euo pipefail
LOG_PREFIX=down
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Collect the component pids before kwokctl deletes the workdir (and its pids/ directory).
declare -A PIDS=()
if [[ -d "${CLUSTER_WORKDIR}/pids" ]]; then
  for f in "${CLUSTER_WORKDIR}"/pids/*.pid; do
    [[ -f "${f}" ]] || continue
    p="$(tr -dc '0-9' <"${f}")"
    [[ -n "${p}" ]] && PIDS["${p}"]="$(basename "${f}" .pid)"
  done
fi
for p in $(cluster_pids); do [[ "${p}" != "$$" ]] && PIDS["${p}"]="${PIDS[${p}]:-process}"; done

# Listening ports of those processes (to check that they are freed afterwards).
PORTS=()
if command -v ss >/dev/null 2>&1; then
  for p in "${!PIDS[@]}"; do
    while read -r port; do [[ -n "${port}" ]] && PORTS+=("${port}"); done < <(
      ss -Hltnp 2>/dev/null | grep -E "pid=${p}," | awk '{print $4}' | sed -E 's/.*:([0-9]+)$/\1/' || true)
  done
fi

if [[ -d "${CLUSTER_WORKDIR}" ]]; then
  if [[ -x "$(bin_path kwokctl)" ]]; then
    log "deleting cluster '${CLUSTER_NAME}'"
    kwokctl_logged delete cluster --kubeconfig "${CLUSTER_KUBECONFIG}" \
      || log "kwokctl delete cluster failed; falling back to killing the recorded processes"
  else
    log "kwokctl is not built; falling back to killing the recorded processes"
  fi
else
  log "cluster '${CLUSTER_NAME}' does not exist (no ${CLUSTER_WORKDIR})"
fi

# is_ours PID: the pid is still alive and is still one of this cluster's processes: it runs one of
# our cached binaries with this cluster's directory on its command line (pids can be reused).
BIN_CACHE_REAL="$(readlink -f "${BIN_CACHE}" 2>/dev/null || printf '%s' "${BIN_CACHE}")"
is_ours() {
  local exe cmd
  exe="$(readlink "/proc/$1/exe" 2>/dev/null || true)"
  [[ "${exe}" == "${BIN_CACHE}/"* || "${exe}" == "${BIN_CACHE_REAL}/"* ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true)"
  [[ "${cmd}" == *"${CLUSTER_WORKDIR}/"* ]]
}

leftover=()
for p in "${!PIDS[@]}"; do is_ours "${p}" && leftover+=("${p}"); done
if ((${#leftover[@]})); then
  log "killing leftover processes: ${leftover[*]}"
  kill -TERM "${leftover[@]}" 2>/dev/null || true
  for _ in $(seq 1 20); do
    alive=()
    for p in "${leftover[@]}"; do is_ours "${p}" && alive+=("${p}"); done
    ((${#alive[@]})) || break
    sleep 0.5
  done
  for p in "${leftover[@]}"; do
    if is_ours "${p}"; then kill -KILL "${p}" 2>/dev/null || true; fi
  done
  sleep 0.5
fi

rm -rf "${CLUSTER_WORKDIR}"
rm -f "${CLUSTER_KUBECONFIG}"

# Verify.
bad=0
for p in "${!PIDS[@]}"; do
  if is_ours "${p}"; then log "still running: pid ${p} (${PIDS[${p}]})"; bad=1; fi
done
for p in $(cluster_pids); do
  [[ "${p}" != "$$" ]] || continue
  log "still running: pid ${p}: $(tr '\0' ' ' <"/proc/${p}/cmdline" 2>/dev/null || true)"
  bad=1
done
if ((${#PORTS[@]})) && command -v ss >/dev/null 2>&1; then
  for port in "${PORTS[@]}"; do
    if ss -Hltn "sport = :${port}" 2>/dev/null | grep -q .; then log "port ${port} is still listening"; bad=1; fi
  done
fi
((bad == 0)) || die "cluster '${CLUSTER_NAME}' did not stop cleanly"
log "cluster '${CLUSTER_NAME}' is down${PORTS[*]:+ (freed ports: ${PORTS[*]})}"
