# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this file
# Shared settings for the hack/cluster scripts. Source it; do not run it.
#
# Versions live here. To change a binary's version, edit it here AND the matching go.mod under
# hack/cluster/<k8s|etcd|kwok|helm>/ (then regenerate its go.sum, see docs/development.md).
# build.sh refuses to run when the two disagree. The CRD versions below have no go.mod.

K8S_VERSION="v1.33.13"   # hack/cluster/k8s/go.mod: k8s.io/kubernetes (+ staging replaces at v0.33.13)
ETCD_VERSION="v3.5.35"   # hack/cluster/etcd/go.mod: go.etcd.io/etcd/server/v3
KWOK_VERSION="v0.7.0"    # hack/cluster/kwok/go.mod: sigs.k8s.io/kwok
HELM_VERSION="v3.18.6"   # hack/cluster/helm/go.mod: helm.sh/helm/v3

# Third-party CRDs that up.sh installs (hack/cluster/crds.sh). No go.mod here: the module is
# fetched as is with `go mod download MODULE@VERSION` and only its YAML files are used.
GATEWAY_API_VERSION="v1.4.1"  # sigs.k8s.io/gateway-api: config/crd/standard/*.yaml (Gateway API, standard channel)
ISTIO_API_VERSION="v1.30.8"   # istio.io/api: kubernetes/customresourcedefinitions.gen.yaml (Istio's CRDs)

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${CLUSTER_DIR}/../.." && pwd)"

# Binaries: outside the repo, keyed by version.
SWARM_CACHE="${SWARM_CACHE:-${HOME}/.cache/swarm-operator}"
BIN_CACHE="${SWARM_CACHE}/bin"
# CRD files: ${CRD_CACHE}/<module>-<version>/<path in the module>.
CRD_CACHE="${SWARM_CACHE}/crds"

# Cluster state: inside the repo, under the (git-ignored) .cache/ directory.
CLUSTER_NAME="${SWARM_CLUSTER_NAME:-swarm}"
STATE_DIR="${REPO_ROOT}/.cache/cluster"
KWOK_WORKDIR="${STATE_DIR}/kwok"
CLUSTER_WORKDIR="${KWOK_WORKDIR}/clusters/${CLUSTER_NAME}"
CLUSTER_KUBECONFIG="${STATE_DIR}/kubeconfig"
CLUSTER_NODES="${SWARM_CLUSTER_NODES:-3}"
export KWOK_WORKDIR

log() { printf '[%s] %s\n' "${LOG_PREFIX:-cluster}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${LOG_PREFIX:-cluster}" "$*" >&2; exit 1; }

# bin_path NAME -> path of the cached binary for NAME at its pinned version.
bin_path() {
  local name="$1" version
  case "${name}" in
    kube-apiserver|kube-controller-manager|kube-scheduler|kubectl) version="${K8S_VERSION}" ;;
    etcd) version="${ETCD_VERSION}" ;;
    kwok|kwokctl) version="${KWOK_VERSION}" ;;
    helm) version="${HELM_VERSION}" ;;
    *) die "unknown binary '${name}'" ;;
  esac
  printf '%s/%s-%s/%s\n' "${BIN_CACHE}" "${name}" "${version}" "${name}"
}

ALL_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl helm)

# require_binaries NAME... -> dies with a hint when one is missing.
require_binaries() {
  local name missing=()
  for name in "$@"; do
    [[ -x "$(bin_path "${name}")" ]] || missing+=("${name}")
  done
  if ((${#missing[@]})); then
    die "missing binaries: ${missing[*]} (in ${BIN_CACHE}); run hack/cluster/build.sh (or make cluster-build) first"
  fi
}

# require_go: sets GO (${GO}, else `go` on PATH, else /usr/local/go/bin/go) and GO_VERSION;
# dies when there is no Go or it is older than go1.24.
require_go() {
  GO="${GO:-}"
  if [[ -z "${GO}" ]]; then
    GO="$(command -v go || true)"
    [[ -n "${GO}" ]] || { [[ -x /usr/local/go/bin/go ]] && GO=/usr/local/go/bin/go; }
  fi
  [[ -z "${GO}" || -x "${GO}" ]] || die "GO=${GO} is not an executable Go"
  [[ -n "${GO}" ]] || die "Go is not installed (no 'go' on PATH, none at /usr/local/go/bin/go). Install Go >= 1.24 (1.26 is what we use) or set GO=/path/to/go."
  GO_VERSION="$("${GO}" env GOVERSION)" || die "'${GO} env GOVERSION' failed"
  local go_minor
  go_minor="$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"${GO_VERSION}")"
  if ! [[ "${go_minor}" =~ ^[0-9]+$ ]] || ((go_minor < 24)); then
    die "Go ${GO_VERSION} is too old: need go1.24 or newer"
  fi
}

# Run kwokctl with our workdir/kubeconfig, with our own kubectl first on PATH
# (kwokctl looks kubectl up on PATH) and never touching ~/.kube/config.
kwokctl_run() {
  KWOK_WORKDIR="${KWOK_WORKDIR}" KUBECONFIG="${CLUSTER_KUBECONFIG}" \
    PATH="$(dirname "$(bin_path kubectl)"):${PATH}" \
    "$(bin_path kwokctl)" --name "${CLUSTER_NAME}" "$@"
}

# kwokctl_logged ARGS...: kwokctl_run with its JSON log lines (it logs JSON when stdout is not
# a terminal) shortened to "[kwokctl] LEVEL message key=value".
kwokctl_logged() {
  if [[ -t 1 ]] || ! command -v jq >/dev/null 2>&1; then
    kwokctl_run "$@"
    return
  fi
  kwokctl_run "$@" 2>&1 | jq -Rr --unbuffered '. as $line | (try fromjson catch null) as $j
    | if ($j | type) == "object" and $j.msg then
        "[kwokctl] \($j.level) \($j.msg)" + ([$j | to_entries[]
          | select(.key | IN("time","level","msg","source") | not)
          | " \(.key)=\(.value | if type == "object" then (.human // tostring) else tostring end)"] | join(""))
      else $line end' >&2
}

# Our kubectl against our cluster.
kctl() {
  "$(bin_path kubectl)" --kubeconfig "${CLUSTER_KUBECONFIG}" --cache-dir "${STATE_DIR}/kube-cache" "$@"
}

# Processes that belong to this cluster: our cached binaries whose command line mentions the
# cluster workdir (so a `tail -f` on a log file, or another clone's cluster, is left alone).
cluster_pids() {
  local p exe real
  real="$(readlink -f "${BIN_CACHE}" 2>/dev/null || printf '%s' "${BIN_CACHE}")"
  for p in $(pgrep -f -- "${CLUSTER_WORKDIR}/" || true); do
    exe="$(readlink "/proc/${p}/exe" 2>/dev/null || true)"
    if [[ "${exe}" == "${BIN_CACHE}/"* || "${exe}" == "${real}/"* ]]; then printf '%s\n' "${p}"; fi
  done
  return 0
}
