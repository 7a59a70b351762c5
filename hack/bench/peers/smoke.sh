#!/usr/bin/env bash
# Usage: SWARM_CLUSTER_NAME=peers hack/cluster/with-cluster.sh hack/bench/peers/smoke.sh
# End-to-end check of hack/bench/peers/argo.sh: build, start, a canary Rollout (2 replicas,
# setWeight 50 then 100) becomes Healthy, an image change becomes Healthy on the new revision,
# no Argo port listens in the host's network namespace, stop.
set -euo pipefail
LOG_PREFIX=smoke
PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../../cluster/lib.sh
source "${PEERS_DIR}/../../cluster/lib.sh"
[[ -n "${KUBECONFIG:-}" ]] || die "KUBECONFIG is not set (run under hack/cluster/with-cluster.sh)"
ARGO="${PEERS_DIR}/argo.sh"
NS=argo-smoke
kube() { "$(bin_path kubectl)" --kubeconfig "${KUBECONFIG}" "$@"; }

trap '"${ARGO}" stop' EXIT
"${ARGO}" build
"${ARGO}" start

pid="$(cat "${ARGO_WORKDIR:-${REPO_ROOT}/.cache/bench/argo}/controller.pid")"
argo_net="$(readlink "/proc/${pid}/ns/net")"
[[ "${argo_net}" != "$(readlink /proc/$$/ns/net)" ]] || die "rollouts-controller (PID ${pid}) runs in the host's network namespace"
log "rollouts-controller (PID ${pid}, $(readlink "/proc/${pid}/exe")): ${argo_net}, host: $(readlink /proc/$$/ns/net)"
log "listening TCP sockets in the controller's network namespace:"
ip netns exec "argo-${CLUSTER_NAME}" ss -ltn >&2
if ss -ltnp | grep -E 'rollouts|peers-bridge' >&2; then die "an Argo or bridge port listens in the host namespace"; fi
log "host namespace: no TCP port of rollouts-controller or the bridge (ss -ltnp)"

rollout() { # IMAGE
  kube apply -f - >/dev/null <<EOF
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: smoke, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: smoke}}
  template:
    metadata: {labels: {app: smoke}}
    spec:
      containers: [{name: bot, image: "$1"}]
  strategy:
    canary:
      steps: [{setWeight: 50}, {setWeight: 100}]
EOF
}

# wait_healthy IMAGE REVISION: the controller saw the current spec (observedGeneration), phase
# Healthy, at REVISION, and the stable ReplicaSet is the current template's with 2 pods available.
wait_healthy() {
  local image="$1" revision="$2" deadline=$((SECONDS + 120)) got="" fields
  local gen obs phase img avail rev stable current
  fields='{.metadata.generation} {.status.observedGeneration} {.status.phase} {.spec.template.spec.containers[0].image}'
  fields+=' {.status.availableReplicas} {.metadata.annotations.rollout\.argoproj\.io/revision} {.status.stableRS} {.status.currentPodHash}'
  while ((SECONDS < deadline)); do
    got="$(kube -n "${NS}" get rollout smoke -o jsonpath="${fields}")"
    read -r gen obs phase img avail rev stable current <<<"${got}" || true
    if [[ "${obs}" == "${gen}" && "${phase}" == Healthy && "${img}" == "${image}" && "${avail}" == 2 \
          && "${rev}" == "${revision}" && -n "${stable}" && "${stable}" == "${current}" ]]; then
      log "rollout smoke: phase=${phase} image=${img} revision=${rev} available=${avail} stableRS=${stable} currentPodHash=${current} generation=${gen} observedGeneration=${obs}"
      return 0
    fi
    sleep 1
  done
  die "rollout smoke is not Healthy with ${image} at revision ${revision} after 120s (generation observedGeneration phase image available revision stableRS currentPodHash: ${got})"
}

kube create namespace "${NS}" --dry-run=client -o yaml | kube apply -f - >/dev/null
rollout bot:1.0
wait_healthy bot:1.0 1
rollout bot:2.0
wait_healthy bot:2.0 2
kube -n "${NS}" get replicasets -o wide >&2
kube -n "${NS}" get events --field-selector involvedObject.kind=Rollout --sort-by=.lastTimestamp \
  -o custom-columns=REASON:.reason,MESSAGE:.message >&2
kube delete namespace "${NS}" --wait=false >/dev/null
log "Argo API requests so far: $("${ARGO}" metrics | awk '/^controller_clientset_k8s_request_total/ { n += $NF } END { print n }')"
log "OK"
