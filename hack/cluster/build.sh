#!/usr/bin/env bash
# Builds the local-cluster binaries from the Go module proxy (no prebuilt downloads):
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (hack/cluster/k8s)
#   etcd                                                              (hack/cluster/etcd)
#   kwok, kwokctl                                                     (hack/cluster/kwok)
#   helm                                                              (hack/cluster/helm)
# into ${SWARM_CACHE:-$HOME/.cache/swarm-operator}/bin/<name>-<version>/<name>.
# Binaries already present are reused. Usage: build.sh [--force] [NAME...]
# Without NAMEs it also fills the CRD cache (hack/cluster/crds.sh fetch), so that up.sh needs no network.
set -euo pipefail
LOG_PREFIX=build
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0
TARGETS=()
for arg in "$@"; do
  case "${arg}" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) die "unknown option ${arg}" ;;
    *) TARGETS+=("${arg}") ;;
  esac
done
FETCH_CRDS=0
((${#TARGETS[@]})) || { TARGETS=("${ALL_BINARIES[@]}"); FETCH_CRDS=1; }
for t in "${TARGETS[@]}"; do bin_path "${t}" >/dev/null; done

require_go

# Every build: static, path-independent, no VCS stamping, go.mod/go.sum must already be complete.
export CGO_ENABLED=0
export GOFLAGS="-mod=readonly -trimpath -buildvcs=false"

# go.mod must agree with lib.sh.
check_pin() { # dir module version
  grep -Eq "^[[:space:]]*(require[[:space:]]+)?$2[[:space:]]+$3([[:space:]]|$)" "${CLUSTER_DIR}/$1/go.mod" \
    || die "hack/cluster/$1/go.mod does not require $2 $3 (lib.sh says so): fix one of them"
}

build_date="2000-01-01T00:00:00Z"   # fixed: keeps rebuilds reproducible
k8s_ldflags() {
  local v="${K8S_VERSION}" major minor pkg flags=()
  major="$(cut -d. -f1 <<<"${v#v}")"; minor="$(cut -d. -f2 <<<"${v#v}")"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=("-X ${pkg}.gitVersion=${v}" "-X ${pkg}.gitMajor=${major}" "-X ${pkg}.gitMinor=${minor}"
            "-X ${pkg}.gitTreeState=clean" "-X ${pkg}.buildDate=${build_date}")
  done
  printf '%s ' "-s -w" "${flags[@]}"
}

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
TOTAL_START=${SECONDS}
BUILT=0

# build_one NAME VERSION MODULE_DIR PACKAGE LDFLAGS [TAGS]
build_one() {
  local name="$1" version="$2" dir="$3" pkg="$4" ldflags="$5" tags="${6:-}"
  local out; out="$(bin_path "${name}")"
  if [[ -x "${out}" && "${FORCE}" == 0 ]]; then
    log "${name} ${version} ... (cached) ${out}"
    return 0
  fi
  log "${name} ${version} ... building ${pkg} (a cold build can take many minutes; output below)"
  local start=${SECONDS} tmp
  mkdir -p "$(dirname "${out}")"
  tmp="$(mktemp "${out}.tmp.XXXXXX")"
  local args=(build -o "${tmp}" -ldflags "${ldflags}")
  [[ -n "${tags}" ]] && args+=(-tags "${tags}")
  if ! (cd "${CLUSTER_DIR}/${dir}" && "${GO}" "${args[@]}" "${pkg}"); then
    rm -f "${tmp}"
    die "building ${name} ${version} failed (see the Go output above). Module: hack/cluster/${dir}. If it says go.mod/go.sum needs updates, run: (cd hack/cluster/${dir} && go mod tidy)"
  fi
  chmod 0755 "${tmp}"
  mv -f "${tmp}" "${out}"
  BUILT=$((BUILT + 1))
  log "${name} ${version} ... done in $(fmt_secs $((SECONDS - start))) -> ${out}"
}

log "Go: ${GO} (${GO_VERSION}); cache: ${BIN_CACHE}"
for t in "${TARGETS[@]}"; do
  case "${t}" in
    kube-apiserver|kube-controller-manager|kube-scheduler|kubectl)
      check_pin k8s k8s.io/kubernetes "${K8S_VERSION}"
      build_one "${t}" "${K8S_VERSION}" k8s "k8s.io/kubernetes/cmd/${t}" "$(k8s_ldflags)" "selinux,notest" ;;
    etcd)
      check_pin etcd go.etcd.io/etcd/server/v3 "${ETCD_VERSION}"
      build_one etcd "${ETCD_VERSION}" etcd go.etcd.io/etcd/server/v3 \
        "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${ETCD_VERSION}" ;;
    kwok|kwokctl)
      check_pin kwok sigs.k8s.io/kwok "${KWOK_VERSION}"
      build_one "${t}" "${KWOK_VERSION}" kwok "sigs.k8s.io/kwok/cmd/${t}" \
        "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" ;;
    helm)
      check_pin helm helm.sh/helm/v3 "${HELM_VERSION}"
      # helm stamps the newest Kubernetes minor it knows (from its client-go v0.X.Y => 1.X).
      cg="$(cd "${CLUSTER_DIR}/helm" && "${GO}" list -m -f '{{.Version}}' k8s.io/client-go)" \
        || die "could not read k8s.io/client-go's version in hack/cluster/helm"
      cg_minor="$(cut -d. -f2 <<<"${cg#v}")"
      build_one helm "${HELM_VERSION}" helm helm.sh/helm/v3/cmd/helm \
        "-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION} -X helm.sh/helm/v3/internal/version.gitTreeState=clean -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=${cg_minor} -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=${cg_minor}" ;;
  esac
done
if ((FETCH_CRDS)); then "${CLUSTER_DIR}/crds.sh" fetch; fi
log "all done in $(fmt_secs $((SECONDS - TOTAL_START))) (${BUILT} built, $((${#TARGETS[@]} - BUILT)) cached)"
