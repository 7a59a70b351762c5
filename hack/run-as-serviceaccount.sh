#!/usr/bin/env bash
# Usage: hack/run-as-serviceaccount.sh [NAMESPACE] [SERVICEACCOUNT]
# Runs the packaged operator (make build) on this machine with exactly the permissions of the
# chart's ServiceAccount and the chart's leader election: the local cluster's pods are KWOK fakes
# that never run the image, so this process is the operator of a `helm install` there.
# It writes .cache/cluster/<SERVICEACCOUNT>.kubeconfig (a token for 8 hours) and serves health and
# metrics on 127.0.0.1:8080 (QUARKUS_HTTP_PORT to move them). Ctrl-C stops it.
# JAVA_OPTS_APPEND: JVM flags, as the image's entrypoint takes them (make bench-scale passes the
# chart's sizing, hack/bench/swarm-operator.sh).
set -euo pipefail
namespace="${1:-swarm-operator}"
account="${2:-swarm-operator}"
cd "$(dirname "$0")/.."
say() { printf '[run-as] %s\n' "$*" >&2; }
export KUBECONFIG="${KUBECONFIG:-${PWD}/.cache/cluster/kubeconfig}"
kubectl="$(hack/cluster/bin-path.sh kubectl)"
config="${PWD}/.cache/cluster/${account}.kubeconfig"
[[ -f operator/target/quarkus-app/quarkus-run.jar ]] || { say "operator/target/quarkus-app is missing: run make build"; exit 1; }

say "writing ${config} for system:serviceaccount:${namespace}:${account}"
rm -f "${config}"
ca="$(mktemp)"
trap 'rm -f "${ca}"' EXIT
"${kubectl}" config view --minify --flatten -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"${ca}"
"${kubectl}" config set-cluster local --kubeconfig="${config}" --embed-certs --certificate-authority="${ca}" \
  --server="$("${kubectl}" config view --minify -o jsonpath='{.clusters[0].cluster.server}')" >/dev/null
"${kubectl}" config set-credentials "${account}" --kubeconfig="${config}" \
  --token="$("${kubectl}" -n "${namespace}" create token "${account}" --duration=8h)" >/dev/null
"${kubectl}" config set-context "${account}" --kubeconfig="${config}" --cluster=local --user="${account}" \
  --namespace="${namespace}" >/dev/null
"${kubectl}" config use-context "${account}" --kubeconfig="${config}" >/dev/null

say "starting the operator as ${account}, leader election on Lease ${namespace}/swarm-operator"
# shellcheck disable=SC2086 # JAVA_OPTS_APPEND holds several flags
KUBECONFIG="${config}" SWARM_LEADER_ELECTION_ENABLED=true SWARM_LEADER_ELECTION_LEASE_NAMESPACE="${namespace}" \
  HOSTNAME="${HOSTNAME:-$(hostname)}" exec java ${JAVA_OPTS_APPEND:-} -jar operator/target/quarkus-app/quarkus-run.jar
