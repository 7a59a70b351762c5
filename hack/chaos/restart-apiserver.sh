#!/usr/bin/env bash
# Usage: hack/chaos/restart-apiserver.sh [DOWN_SECONDS]
# Stops the local cluster's kube-apiserver (TERM, as a node reboot or an upgrade would), leaves it
# down DOWN_SECONDS (default 5), then starts it again with the same command line, log and working
# directory, records its new pid where kwokctl keeps it (so make cluster-down still stops it) and
# waits for /readyz. kube-controller-manager and kube-scheduler exit when they cannot renew their
# leader Lease; on a real control plane the kubelet restarts them, here this script does, the same
# way, for 30 s after the API server is back. etcd keeps running. Used by make chaos.
set -euo pipefail
LOG_PREFIX=restart-apiserver
# shellcheck source=../cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cluster/lib.sh"
down_seconds="${1:-5}"
components=(kube-apiserver kube-controller-manager kube-scheduler kwok-controller)

declare -A pids=() command_lines=() workdirs=()
for c in "${components[@]}"; do
  pid_file="${CLUSTER_WORKDIR}/pids/${c}.pid"
  [[ -f "${pid_file}" ]] || die "no ${pid_file}: is cluster '${CLUSTER_NAME}' up?"
  pid="$(tr -dc '0-9' <"${pid_file}")"
  [[ -r "/proc/${pid}/cmdline" ]] || die "${c} (pid ${pid}) is not running"
  pids[${c}]="${pid}"
  command_lines[${c}]="$(tr '\0' '\n' <"/proc/${pid}/cmdline")"
  workdirs[${c}]="$(readlink "/proc/${pid}/cwd")"
done

# relaunch COMPONENT: starts it again as it ran before, and records its pid for kwokctl.
relaunch() {
  local args
  mapfile -t args <<<"${command_lines[$1]}"
  (cd "${workdirs[$1]}" && exec setsid "${args[@]}" </dev/null >>"${CLUSTER_WORKDIR}/logs/$1.log" 2>&1) &
  pids[$1]="$!"
  printf '%s\n' "$!" >"${CLUSTER_WORKDIR}/pids/$1.pid"
}

apiserver="${pids[kube-apiserver]}"
log "stopping kube-apiserver (pid ${apiserver}) for ${down_seconds}s"
kill -TERM "${apiserver}"
for _ in $(seq 100); do
  [[ -e "/proc/${apiserver}" ]] || break
  sleep 0.1
done
[[ ! -e "/proc/${apiserver}" ]] || kill -KILL "${apiserver}"
sleep "${down_seconds}"
relaunch kube-apiserver
ready=0
for _ in $(seq 120); do
  [[ "$(kctl get --raw /readyz --request-timeout=2s 2>/dev/null)" == "ok" ]] && { ready=1; break; }
  sleep 0.5
done
((ready)) || die "kube-apiserver did not become ready within 60s after its restart (log: ${CLUSTER_WORKDIR}/logs/kube-apiserver.log)"
log "kube-apiserver is back (pid ${pids[kube-apiserver]})"

for _ in $(seq 60); do
  for c in kube-controller-manager kube-scheduler kwok-controller; do
    if [[ ! -e "/proc/${pids[${c}]}" ]]; then
      relaunch "${c}"
      log "${c} had exited (its leader Lease lost while the API server was down): started again (pid ${pids[${c}]})"
    fi
  done
  sleep 0.5
done
