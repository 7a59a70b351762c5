#!/usr/bin/env bash
# Argo Rollouts' controller as a peer for the benchmarks (issue 15). Never part of make test.
# Usage: hack/bench/peers/argo.sh build [--force] | start | stop | metrics
#   build    builds rollouts-controller (hack/bench/peers/go.mod) and the bridge into
#            ${SWARM_CACHE:-$HOME/.cache/swarm-operator}/bin like hack/cluster/build.sh, and copies
#            Argo's CRDs and RBAC from the module next to the controller. Cached binaries are reused.
#   start    (needs KUBECONFIG) installs those CRDs and RBAC, then runs the controller as Argo's
#            ServiceAccount in network namespace argo-<cluster name>, which has only a loopback
#            interface: Argo's health (8080) and metrics (8090) servers listen on all interfaces.
#            Its way to the kube-apiserver is the bridge: 127.0.0.1:<apiserver port> in the
#            namespace -> a Unix socket file -> 127.0.0.1:<apiserver port> on the host.
#            Returns once the controller is leader with synced caches; PID in $ARGO_WORKDIR/controller.pid.
#   stop     stops the controller and the bridges, deletes the namespace. Idempotent.
#   metrics  prints the controller's Prometheus metrics (API requests: controller_clientset_k8s_request_total).
#   crd      prints the path of the Rollout CRD that build copied (make bench-apply).
# Env: ARGO_WORKDIR (default .cache/bench/argo): pid files, logs, the controller's kubeconfig, the socket.
set -euo pipefail
LOG_PREFIX=argo
PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../../cluster/lib.sh
source "${PEERS_DIR}/../../cluster/lib.sh"

ARGO_VERSION="v1.8.3"  # hack/bench/peers/go.mod: github.com/argoproj/argo-rollouts (+ its replaces)
ARGO_COMMIT="49fa1516cf71672b69e265267da4e1d16e1fe114"  # the v1.8.3 tag (`go mod download -json`: Origin.Hash)
ARGO_MODULE="github.com/argoproj/argo-rollouts"
ARGO_NAMESPACE="argo-rollouts"  # what Argo's install uses: its ServiceAccount, config and leader Lease
ARGO_DIR="${BIN_CACHE}/rollouts-controller-${ARGO_VERSION}"
ARGO_BIN="${ARGO_DIR}/rollouts-controller"
# From the module's manifests/: what its cluster install applies, less the Deployment and Service.
ARGO_YAMLS=(crds/rollout-crd.yaml crds/analysis-run-crd.yaml crds/analysis-template-crd.yaml
  crds/cluster-analysis-template-crd.yaml crds/experiment-crd.yaml
  base/argo-rollouts-sa.yaml base/argo-rollouts-config.yaml base/argo-rollouts-notification-secret.yaml
  role/argo-rollouts-clusterrole.yaml cluster-install/argo-rollouts-clusterrolebinding.yaml)
# The bridge is ours: keyed by its source, so an edit gets rebuilt.
BRIDGE_BIN="${BIN_CACHE}/peers-bridge-$(sha256sum "${PEERS_DIR}/bridge/main.go" | cut -c1-12)/peers-bridge"

ARGO_WORKDIR="${ARGO_WORKDIR:-${REPO_ROOT}/.cache/bench/argo}"
NETNS="argo-${CLUSTER_NAME}"
SOCKET="${ARGO_WORKDIR}/apiserver.sock"
KUBECTL="$(bin_path kubectl)"

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

build_one() { # NAME OUT PACKAGE LDFLAGS
  local name="$1" out="$2" pkg="$3" ldflags="$4" start=${SECONDS} tmp
  if [[ -x "${out}" && "${FORCE}" == 0 ]]; then log "${name} ... (cached) ${out}"; return 0; fi
  log "${name} ... building ${pkg} (a cold build takes minutes)"
  mkdir -p "$(dirname "${out}")"
  tmp="$(mktemp "${out}.tmp.XXXXXX")"
  if ! (cd "${PEERS_DIR}" && "${GO}" build -o "${tmp}" -ldflags "${ldflags}" "${pkg}"); then
    rm -f "${tmp}"
    die "building ${name} failed (see the Go output above). Module: hack/bench/peers"
  fi
  chmod 0755 "${tmp}"
  mv -f "${tmp}" "${out}"
  log "${name} ... done in $(fmt_secs $((SECONDS - start))) -> ${out}"
}

cmd_build() {
  FORCE=0
  [[ "${1:-}" == "--force" ]] && FORCE=1
  require_go
  export CGO_ENABLED=0
  export GOFLAGS="-mod=readonly -trimpath -buildvcs=false"
  grep -Eq "^[[:space:]]*(require[[:space:]]+)?${ARGO_MODULE}[[:space:]]+${ARGO_VERSION}([[:space:]]|$)" "${PEERS_DIR}/go.mod" \
    || die "hack/bench/peers/go.mod does not require ${ARGO_MODULE} ${ARGO_VERSION} (argo.sh says so): fix one of them"
  local total=${SECONDS} v="${ARGO_MODULE}/utils/version"
  log "Go: ${GO} (${GO_VERSION}); cache: ${BIN_CACHE}"
  # As Argo's Makefile stamps a release (a fixed build date keeps rebuilds reproducible).
  build_one rollouts-controller "${ARGO_BIN}" "${ARGO_MODULE}/cmd/rollouts-controller" \
    "-s -w -X ${v}.version=${ARGO_VERSION#v} -X ${v}.buildDate=2000-01-01T00:00:00Z -X ${v}.gitCommit=${ARGO_COMMIT} -X ${v}.gitTreeState=clean -X ${v}.gitTag=${ARGO_VERSION}"
  build_one bridge "${BRIDGE_BIN}" ./bridge "-s -w"

  local dir f
  dir="$(cd "${PEERS_DIR}" && "${GO}" mod download -json "${ARGO_MODULE}@${ARGO_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "${dir}/manifests" ]] || die "no manifests/ in ${ARGO_MODULE}@${ARGO_VERSION} (module dir: '${dir}')"
  for f in "${ARGO_YAMLS[@]}"; do install -D -m 0644 "${dir}/manifests/${f}" "${ARGO_DIR}/manifests/${f}"; done
  log "manifests: ${#ARGO_YAMLS[@]} files in ${ARGO_DIR}/manifests"
  log "all done in $(fmt_secs $((SECONDS - total)))"
}

kube() { "${KUBECTL}" --kubeconfig "${KUBECONFIG}" --cache-dir "${ARGO_WORKDIR}/kube-cache" "$@"; }
nsexec() { ip netns exec "${NETNS}" "$@"; }
netns_exists() { ip netns list | awk -v n="${NETNS}" '$1 == n { found = 1 } END { exit !found }'; }
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid FILE EXE: stops the process in FILE if it still runs EXE (not a reused PID).
stop_pid() {
  local file="$1" exe="$2" pid
  [[ -f "${file}" ]] || return 0
  pid="$(cat "${file}")"
  if [[ "$(readlink "/proc/${pid}/exe" 2>/dev/null)" == "${exe}"* ]]; then
    kill -TERM "${pid}" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "${pid}" 2>/dev/null; then log "PID ${pid} ignored SIGTERM for 10s: SIGKILL"; kill -KILL "${pid}" 2>/dev/null || true; fi
  fi
  rm -f "${file}"
}

cmd_stop() {
  local pid
  stop_pid "${ARGO_WORKDIR}/controller.pid" "${ARGO_BIN}"
  stop_pid "${ARGO_WORKDIR}/bridge-netns.pid" "${BRIDGE_BIN}"
  if netns_exists; then
    # Whatever is left in the namespace was started in it by this script.
    for pid in $(ip netns pids "${NETNS}"); do
      log "PID ${pid} still in ${NETNS}: SIGKILL"
      kill -KILL "${pid}" 2>/dev/null || true
    done
    ip netns delete "${NETNS}"
  fi
  stop_pid "${ARGO_WORKDIR}/bridge-host.pid" "${BRIDGE_BIN}"
  rm -f "${SOCKET}"
  # The next start need not wait out the old leader's Lease (Argo does not release it on exit).
  if [[ -n "${KUBECONFIG:-}" ]]; then
    kube -n "${ARGO_NAMESPACE}" delete lease argo-rollouts-controller-lock --ignore-not-found --request-timeout=5s >/dev/null 2>&1 || true
  fi
  log "stopped (network namespace ${NETNS} gone)"
}

# Kubeconfig for Argo's ServiceAccount: same server URL (the bridge listens on the same
# 127.0.0.1:PORT inside the namespace, so the apiserver's certificate verifies as is).
write_kubeconfig() {
  local config="${ARGO_WORKDIR}/kubeconfig" ca="${ARGO_WORKDIR}/ca.crt"
  rm -f "${config}"
  kube config view --minify --flatten -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"${ca}"
  kube config set-cluster local --kubeconfig="${config}" --embed-certs --certificate-authority="${ca}" --server="$1" >/dev/null
  kube config set-credentials argo-rollouts --kubeconfig="${config}" \
    --token="$(kube -n "${ARGO_NAMESPACE}" create token argo-rollouts --duration=8h)" >/dev/null
  kube config set-context argo-rollouts --kubeconfig="${config}" --cluster=local --user=argo-rollouts \
    --namespace="${ARGO_NAMESPACE}" >/dev/null
  kube config use-context argo-rollouts --kubeconfig="${config}" >/dev/null
  rm -f "${ca}"
}

cmd_start() {
  [[ -n "${KUBECONFIG:-}" ]] || die "KUBECONFIG is not set (run under hack/cluster/with-cluster.sh)"
  [[ "$(id -u)" == 0 ]] || die "start needs root (ip netns)"
  [[ -x "${ARGO_BIN}" && -x "${BRIDGE_BIN}" && -f "${ARGO_DIR}/manifests/${ARGO_YAMLS[0]}" ]] \
    || die "not built: run $0 build"
  [[ -x "${KUBECTL}" ]] || die "no kubectl at ${KUBECTL}: run hack/cluster/build.sh kubectl"
  ! alive "${ARGO_WORKDIR}/controller.pid" || die "already running (PID $(cat "${ARGO_WORKDIR}/controller.pid")): $0 stop first"
  ! netns_exists || die "network namespace ${NETNS} exists already (a run that was not stopped?): $0 stop first"
  mkdir -p "${ARGO_WORKDIR}"
  chmod 0700 "${ARGO_WORKDIR}"
  trap 'rc=$?; if ((rc)); then log "start failed: stopping what it started"; cmd_stop; fi' EXIT

  local server port
  server="$(kube config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
  [[ "${server}" =~ ^https://127\.0\.0\.1:([0-9]+)$ ]] || die "the kube-apiserver is not at https://127.0.0.1:PORT: '${server}'"
  port="${BASH_REMATCH[1]}"
  [[ "${port}" != 8080 && "${port}" != 8090 ]] || die "apiserver port ${port} is one Argo uses in its namespace"

  log "installing Argo's CRDs and RBAC (namespace ${ARGO_NAMESPACE})"
  kube create namespace "${ARGO_NAMESPACE}" --dry-run=client -o yaml | kube apply -f - >/dev/null
  # Server-side: the Rollout CRD is too big for client-side apply's annotation.
  kube -n "${ARGO_NAMESPACE}" apply --server-side --force-conflicts --field-manager=argo-sh \
    "${ARGO_YAMLS[@]/#/--filename=${ARGO_DIR}/manifests/}" >/dev/null
  kube wait --for condition=Established --timeout=60s \
    crd/rollouts.argoproj.io crd/analysisruns.argoproj.io crd/analysistemplates.argoproj.io \
    crd/clusteranalysistemplates.argoproj.io crd/experiments.argoproj.io >/dev/null
  write_kubeconfig "${server}"

  log "network namespace ${NETNS}: loopback only, bridge to 127.0.0.1:${port} via ${SOCKET}"
  ip netns add "${NETNS}"
  ip -n "${NETNS}" link set lo up
  "${BRIDGE_BIN}" "unix:${SOCKET}" "tcp:127.0.0.1:${port}" >"${ARGO_WORKDIR}/bridge-host.log" 2>&1 &
  echo $! >"${ARGO_WORKDIR}/bridge-host.pid"
  # (Not via nsexec: a backgrounded function is a subshell, and $! must be the process itself.)
  ip netns exec "${NETNS}" "${BRIDGE_BIN}" "tcp:127.0.0.1:${port}" "unix:${SOCKET}" >"${ARGO_WORKDIR}/bridge-netns.log" 2>&1 &
  echo $! >"${ARGO_WORKDIR}/bridge-netns.pid"

  log "starting rollouts-controller ${ARGO_VERSION} (log: ${ARGO_WORKDIR}/controller.log)"
  # As Argo's Deployment runs it: no flags (leader election on), POD_NAMESPACE from the downward API.
  ip netns exec "${NETNS}" env POD_NAMESPACE="${ARGO_NAMESPACE}" "${ARGO_BIN}" --kubeconfig "${ARGO_WORKDIR}/kubeconfig" \
    >"${ARGO_WORKDIR}/controller.log" 2>&1 &
  echo $! >"${ARGO_WORKDIR}/controller.pid"

  local deadline=$((SECONDS + 90))
  until [[ "$(nsexec curl -s --max-time 2 http://127.0.0.1:8080/healthz 2>/dev/null)" == ok ]] \
      && grep -q 'Started controller' "${ARGO_WORKDIR}/controller.log"; do
    alive "${ARGO_WORKDIR}/controller.pid" || { tail -n 20 "${ARGO_WORKDIR}/controller.log" >&2; die "rollouts-controller exited"; }
    if ! alive "${ARGO_WORKDIR}/bridge-host.pid" || ! alive "${ARGO_WORKDIR}/bridge-netns.pid"; then
      cat "${ARGO_WORKDIR}"/bridge-*.log >&2; die "a bridge exited"
    fi
    ((SECONDS < deadline)) || { tail -n 20 "${ARGO_WORKDIR}/controller.log" >&2; die "not healthy and started after 90s"; }
    sleep 0.5
  done
  trap - EXIT
  log "rollouts-controller is up (PID $(cat "${ARGO_WORKDIR}/controller.pid"), leader, caches synced)"
}

cmd_metrics() {
  netns_exists || die "not running (no network namespace ${NETNS})"
  nsexec curl -sf --max-time 5 http://127.0.0.1:8090/metrics
}

case "${1:-}" in
  build) shift; cmd_build "$@" ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  metrics) cmd_metrics ;;
  crd) f="${ARGO_DIR}/manifests/crds/rollout-crd.yaml"; [[ -f "${f}" ]] || die "no ${f}: run argo.sh build"; printf '%s\n' "${f}" ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
