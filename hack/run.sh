#!/usr/bin/env bash
# `make run`: the local cluster (default) or your current kubectl context (CLUSTER=current), the
# CRD, the example release in its own namespace, then the operator in the foreground (Ctrl-C stops it).
set -euo pipefail
cluster="${1:-local}"
namespace="${2:-swarm-demo}"
cd "$(dirname "$0")/.."
say() { printf '[run] %s\n' "$*" >&2; }

case "${cluster}" in
  local)
    hack/cluster/up.sh
    export KUBECONFIG="${PWD}/.cache/cluster/kubeconfig"
    kubectl="$(hack/cluster/bin-path.sh kubectl)"
    ;;
  current)
    kubectl="kubectl"
    say "using your current kubectl context: $(${kubectl} config current-context)"
    ;;
  *)
    say "unknown CLUSTER='${cluster}': use 'local' (default) or 'current'"
    exit 2
    ;;
esac

say "installing the CRD"
"${kubectl}" apply --server-side -f deploy/crds/swarmreleases.tradingswarm.io.yaml >/dev/null
# Poll rather than `kubectl wait`: right after creation the CRD has no conditions yet, which wait rejects.
for _ in $(seq 60); do
  established="$("${kubectl}" get crd swarmreleases.tradingswarm.io \
    -o jsonpath='{.status.conditions[?(@.type=="Established")].status}')"
  [[ "${established}" == "True" ]] && break
  sleep 1
done
[[ "${established}" == "True" ]] || { say "the CRD did not become Established within 60s"; exit 1; }
say "applying examples/canary-release.yaml in namespace ${namespace}"
"${kubectl}" create namespace "${namespace}" --dry-run=client -o yaml | "${kubectl}" apply -f - >/dev/null
"${kubectl}" -n "${namespace}" apply -f examples/canary-release.yaml

cat >&2 <<TXT

[run] The operator starts below (Ctrl-C stops it; the cluster keeps running: make cluster-down).
[run] In another terminal, watch the release:

    export KUBECONFIG=${KUBECONFIG:-~/.kube/config}
    export PATH=$(dirname "$(command -v "${kubectl}")"):\$PATH
    kubectl -n ${namespace} get srel -w

[run] Then start a canary run by bumping the version:

    kubectl -n ${namespace} patch srel trading-swarm --type merge -p '{"spec":{"version":"1.5.0"}}'

TXT
exec java -jar target/quarkus-app/quarkus-run.jar
