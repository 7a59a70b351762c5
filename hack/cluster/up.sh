#!/usr/bin/env bash
# Starts the local cluster "swarm": etcd, kube-apiserver, kube-controller-manager, kube-scheduler
# and kwok-controller as plain processes (kwokctl --runtime binary), all bound to 127.0.0.1,
# plus ${SWARM_CLUSTER_NODES:-3} fake nodes. Builds missing binaries first (hack/cluster/build.sh).
# Installs the Gateway API and Istio CRDs pinned in lib.sh (hack/cluster/crds.sh).
# Idempotent: when the cluster is already up and healthy it applies the CRDs again (no change
# unless the pins moved) and exits 0.
# Kubeconfig: .cache/cluster/kubeconfig (never ~/.kube/config).
# Optional env: SWARM_APISERVER_PORT (fixed kube-apiserver port; default: a free random port),
# SWARM_CLUSTER_AUDIT_POLICY (an audit policy file: kube-apiserver writes the audit log to
# <cluster workdir>/logs/audit.log; a running cluster without one is recreated).
set -euo pipefail
LOG_PREFIX=up
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLUSTER_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl)

cluster_healthy() {
  [[ -f "${CLUSTER_KUBECONFIG}" ]] || return 1
  # /readyz ok and every component process alive
  "${CLUSTER_DIR}/status.sh" >/dev/null 2>&1 || return 1
  local ready
  ready="$(kctl get nodes --request-timeout=5s -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c '^True$' || true)"
  ((ready >= CLUSTER_NODES))
}

need_build=0
for b in "${CLUSTER_BINARIES[@]}"; do [[ -x "$(bin_path "${b}")" ]] || need_build=1; done
if ((need_build)); then
  log "some binaries are not built yet: running hack/cluster/build.sh"
  "${CLUSTER_DIR}/build.sh" "${CLUSTER_BINARIES[@]}"
fi
require_binaries "${CLUSTER_BINARIES[@]}"
# Before anything starts: a CRD that cannot be fetched fails here, naming the module and version.
"${CLUSTER_DIR}/crds.sh" fetch

audit_policy="${SWARM_CLUSTER_AUDIT_POLICY:-}"
if [[ -n "${audit_policy}" ]]; then
  [[ -f "${audit_policy}" ]] || die "SWARM_CLUSTER_AUDIT_POLICY=${audit_policy}: no such file"
  audit_policy="$(cd "$(dirname "${audit_policy}")" && pwd)/$(basename "${audit_policy}")"
fi

if [[ -d "${CLUSTER_WORKDIR}" ]]; then
  if [[ -n "${audit_policy}" && ! -f "${CLUSTER_WORKDIR}/logs/audit.log" ]]; then
    log "cluster '${CLUSTER_NAME}' has no audit log (SWARM_CLUSTER_AUDIT_POLICY is set): recreating it"
  elif cluster_healthy; then
    "${CLUSTER_DIR}/crds.sh" apply
    log "cluster '${CLUSTER_NAME}' is already up and healthy ($(kctl config view --minify -o jsonpath='{.clusters[0].cluster.server}'))"
    log "export KUBECONFIG=${CLUSTER_KUBECONFIG}"
    exit 0
  else
    log "cluster '${CLUSTER_NAME}' exists but is not healthy: recreating it"
  fi
  "${CLUSTER_DIR}/down.sh"
fi

mkdir -p "${STATE_DIR}"
# The whole state directory is disposable and never committed.
[[ -f "${STATE_DIR}/.gitignore" ]] || printf '*\n' >"${STATE_DIR}/.gitignore"
rm -f "${CLUSTER_KUBECONFIG}"

start=${SECONDS}
create_args=(
  create cluster
  --runtime binary
  --config "${CLUSTER_DIR}/kwokctl.yaml"
  --config "${CLUSTER_DIR}/kwok-stages.yaml"
  --kube-apiserver-binary "$(bin_path kube-apiserver)"
  --kube-controller-manager-binary "$(bin_path kube-controller-manager)"
  --kube-scheduler-binary "$(bin_path kube-scheduler)"
  --etcd-binary "$(bin_path etcd)"
  --kwok-controller-binary "$(bin_path kwok)"
  --kubeconfig "${CLUSTER_KUBECONFIG}"
  --wait 2m
)
[[ -n "${SWARM_APISERVER_PORT:-}" ]] && create_args+=(--kube-apiserver-port "${SWARM_APISERVER_PORT}")
[[ -n "${audit_policy}" ]] && create_args+=(--kube-audit-policy "${audit_policy}")
log "creating cluster '${CLUSTER_NAME}' (workdir ${CLUSTER_WORKDIR})"
if ! kwokctl_logged "${create_args[@]}"; then
  log "kwokctl create cluster failed; logs are in ${CLUSTER_WORKDIR}/logs"
  tail -n 20 "${CLUSTER_WORKDIR}"/logs/*.log 2>/dev/null >&2 || true
  "${CLUSTER_DIR}/down.sh" || true
  die "cluster creation failed"
fi

log "waiting for /readyz"
for _ in $(seq 1 120); do
  [[ "$(kctl get --raw /readyz --request-timeout=5s 2>/dev/null)" == "ok" ]] && break
  sleep 1
done
[[ "$(kctl get --raw /readyz --request-timeout=5s 2>/dev/null)" == "ok" ]] || die "kube-apiserver is not ready after 120s (logs: ${CLUSTER_WORKDIR}/logs)"

log "scaling to ${CLUSTER_NODES} fake nodes"
kwokctl_logged scale node --replicas "${CLUSTER_NODES}"
kctl wait --for=condition=Ready node --all --timeout=120s >&2 \
  || die "nodes did not become Ready (logs: ${CLUSTER_WORKDIR}/logs/kwok-controller.log)"
# The default ServiceAccount is what most test objects use: wait for the controller-manager to make it.
for _ in $(seq 1 60); do
  kctl -n default get serviceaccount default >/dev/null 2>&1 && break
  sleep 1
done

crds_start=${SECONDS}
"${CLUSTER_DIR}/crds.sh" apply
log "CRDs installed in $((SECONDS - crds_start))s"

cluster_healthy || die "cluster did not become healthy"
log "cluster '${CLUSTER_NAME}' is up in $((SECONDS - start))s: $(kctl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
kctl get nodes >&2
log "export KUBECONFIG=${CLUSTER_KUBECONFIG}"
