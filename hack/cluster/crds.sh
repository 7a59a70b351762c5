#!/usr/bin/env bash
# The third-party CRDs of the local cluster, at the versions pinned in lib.sh:
#   Gateway API  sigs.k8s.io/gateway-api ${GATEWAY_API_VERSION}  config/crd/standard/*.yaml
#   Istio        istio.io/api ${ISTIO_API_VERSION}              kubernetes/customresourcedefinitions.gen.yaml
# Fetched with `go mod download -json MODULE@VERSION` (the Go module proxy, checked against the
# checksum database, as for the binaries), copied to ${SWARM_CACHE}/crds/<module>-<version>/ and
# reused from there (no Go, no network). Every use checks that the copy is of the pinned version.
# Usage: crds.sh fetch   fill the cache (build.sh runs it when it builds everything)
#        crds.sh apply   fetch, then `kubectl apply --server-side` to the running cluster and wait
#                        until every CRD is Established (up.sh runs it). Idempotent; when this
#                        cluster already got these pins and every CRD is Established, it only checks.
set -euo pipefail
LOG_PREFIX=crds
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FIELD_MANAGER=swarm-cluster

# One line per set: MODULE VERSION PATH-IN-MODULE (a directory: its *.yaml files) REQUIRED-CRD...
# The required CRDs are checked in the copied files (so a version bump that drops one fails).
CRD_SETS=(
  "sigs.k8s.io/gateway-api ${GATEWAY_API_VERSION} config/crd/standard
     gatewayclasses.gateway.networking.k8s.io gateways.gateway.networking.k8s.io
     httproutes.gateway.networking.k8s.io grpcroutes.gateway.networking.k8s.io
     referencegrants.gateway.networking.k8s.io"
  "istio.io/api ${ISTIO_API_VERSION} kubernetes/customresourcedefinitions.gen.yaml
     virtualservices.networking.istio.io destinationrules.networking.istio.io"
)
# Served as networking.istio.io/v1 (checked on the cluster after apply).
ISTIO_V1_CRDS=(virtualservices.networking.istio.io destinationrules.networking.istio.io)

# set_dir MODULE VERSION -> the cache directory of that module version.
set_dir() { printf '%s/%s-%s\n' "${CRD_CACHE}" "$1" "$2"; }

# set_files MODULE VERSION PATH -> the cached YAML files, one a line.
set_files() {
  local src; src="$(set_dir "$1" "$2")/$3"
  if [[ -d "${src}" ]]; then
    find "${src}" -maxdepth 1 -type f -name '*.yaml' | LC_ALL=C sort
  else
    printf '%s\n' "${src}"
  fi
}

# fetch_set MODULE VERSION PATH: copies PATH of MODULE@VERSION into the cache unless it is there.
fetch_set() {
  local module="$1" version="$2" path="$3" dest json err dir got sum tmp
  dest="$(set_dir "${module}" "${version}")"
  if [[ -f "${dest}/.module" ]]; then
    ((QUIET_CACHED)) || log "${module} ${version} ... (cached) ${dest}"
    return 0
  fi
  require_go
  log "${module} ${version} ... go mod download"
  # Outside any module and workspace, so only the pinned version is resolved.
  tmp="$(mktemp -d)"
  if ! json="$(cd "${tmp}" && GOWORK=off GOFLAGS=-mod=mod "${GO}" mod download -json "${module}@${version}" 2>&1)"; then
    rmdir "${tmp}"
    # go prints the JSON with an "Error" field; anything else (a broken Go) as it is.
    err="$(sed -nE 's/^[[:space:]]*"Error": "(.*)",?$/\1/p' <<<"${json}" | sed 's/\\[nt]/ /g')"
    die "could not fetch ${module} ${version} (pinned in hack/cluster/lib.sh) with '${GO} mod download': ${err:-$(tr -s ' \t\n' ' ' <<<"${json}")}"
  fi
  rmdir "${tmp}"
  dir="$(sed -nE 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p' <<<"${json}")"
  got="$(sed -nE 's/^[[:space:]]*"Version": "(.*)",?$/\1/p' <<<"${json}")"
  sum="$(sed -nE 's/^[[:space:]]*"Sum": "(.*)",?$/\1/p' <<<"${json}")"
  [[ "${got}" == "${version}" ]] || die "${module}@${version} resolved to '${got}': pin an exact version in hack/cluster/lib.sh"
  [[ -n "${dir}" && -e "${dir}/${path}" ]] || die "${module} ${version} has no ${path} (module directory: ${dir:-none})"

  mkdir -p "$(dirname "${dest}")"
  tmp="$(mktemp -d "${dest}.tmp.XXXXXX")"
  mkdir -p "${tmp}/$(dirname "${path}")"
  if [[ -d "${dir}/${path}" ]]; then
    mkdir -p "${tmp}/${path}"
    cp "${dir}/${path}"/*.yaml "${tmp}/${path}/"
  else
    cp "${dir}/${path}" "${tmp}/${path}"
  fi
  chmod -R u+w,go+rX "${tmp}"   # the module cache is read-only, mktemp -d is private
  printf '%s %s %s\n' "${module}" "${version}" "${sum}" >"${tmp}/.module"
  mv -T "${tmp}" "${dest}" 2>/dev/null || rm -rf "${tmp}"   # lost a race: the other copy is as good
  log "${module} ${version} ... copied $(set_files "${module}" "${version}" "${path}" | wc -l) file(s) to ${dest}"
}

# check_set MODULE VERSION PATH REQUIRED...: the cached copy is of MODULE VERSION and has REQUIRED.
check_set() {
  local module="$1" version="$2" path="$3" dest stamp f name
  shift 3
  dest="$(set_dir "${module}" "${version}")"
  read -r -a stamp <"${dest}/.module" || true
  [[ "${stamp[0]:-} ${stamp[1]:-}" == "${module} ${version}" ]] \
    || die "${dest}/.module says '${stamp[*]:-}', not '${module} ${version}' (lib.sh): delete ${dest} and retry"
  local files=()
  mapfile -t files < <(set_files "${module}" "${version}" "${path}")
  if ((${#files[@]} == 0)) || [[ ! -f "${files[0]}" ]]; then die "${dest} has no ${path}: delete ${dest} and retry"; fi
  if [[ "${module}" == sigs.k8s.io/gateway-api ]]; then
    # Gateway API stamps its release into every CRD.
    for f in "${files[@]}"; do
      grep -q "^    gateway.networking.k8s.io/bundle-version: ${version}\$" "${f}" \
        || die "${f} is not from Gateway API ${version} ($(grep -o 'bundle-version: .*' "${f}" || echo 'no bundle-version annotation'))"
    done
  fi
  for name in "$@"; do
    grep -qx "  name: ${name}" "${files[@]}" || die "${module} ${version} (${dest}/${path}) has no CRD ${name}"
  done
}

fetch_all() {
  local set fields
  for set in "${CRD_SETS[@]}"; do
    read -r -a fields <<<"${set}"
    fetch_set "${fields[@]:0:3}"
    check_set "${fields[@]}"
  done
}

# not_established TYPE/NAME... -> prints those (as given) whose CRD is missing or not Established.
# One list request: kubectl asks for named objects one by one, and its client-side rate limit
# (5 per second after a burst of 10) makes that take seconds for 21 CRDs. A go-template, not a
# jsonpath filter: a new CRD has `conditions: null` for a moment, and a filter on null fails.
not_established() {
  local out
  out="$(kctl get crd -o go-template='{{range .items}}{{.metadata.name}}{{range .status.conditions}} {{.type}}={{.status}}{{end}}{{"\n"}}{{end}}')" \
    || return 1
  printf '%s\n' "$@" | awk 'NR == FNR { for (i = 2; i <= NF; i++) if ($i == "Established=True") ok[$1] = 1; next }
    { n = $0; sub(/.*\//, "", n); if (!(n in ok)) print }' <(printf '%s\n' "${out}") -
}

apply_all() {
  # What this cluster got last time: the pins, then the CRD names. Lives and dies with the cluster.
  local applied="${CLUSTER_WORKDIR}/swarm-crds.applied" pins set fields files=() f names=() pending out deadline
  pins="$(for set in "${CRD_SETS[@]}"; do read -r -a fields <<<"${set}"; printf '%s@%s ' "${fields[@]:0:2}"; done)"
  require_binaries kubectl
  # Already applied at these pins and all there: nothing to do (the apply alone takes over a second).
  if [[ -f "${applied}" && "$(head -n 1 "${applied}")" == "${pins}" ]]; then
    mapfile -t names < <(tail -n +2 "${applied}")
    if ((${#names[@]})) && pending="$(not_established "${names[@]}")" && [[ -z "${pending}" ]]; then
      log "${#names[@]} CRDs already installed and Established (Gateway API ${GATEWAY_API_VERSION}, Istio ${ISTIO_API_VERSION})"
      return 0
    fi
  fi
  rm -f "${applied}"

  for set in "${CRD_SETS[@]}"; do
    read -r -a fields <<<"${set}"
    while read -r f; do files+=(-f "${f}"); done < <(set_files "${fields[@]:0:3}")
  done
  # Server-side: the biggest CRDs exceed the 256 KiB of client-side apply's annotation. These
  # CRDs belong to the cluster scripts: --force-conflicts takes back fields someone else set.
  out="$(kctl apply --server-side --force-conflicts --field-manager="${FIELD_MANAGER}" -o name "${files[@]}" 2>&1)" \
    || die "kubectl apply of the CRDs failed: ${out}"
  mapfile -t names < <(grep '^customresourcedefinition' <<<"${out}" || true)
  ((${#names[@]})) || die "kubectl apply of the CRDs named no CRD: ${out}"

  # Right after creation a CRD may have no .status.conditions yet, and `kubectl wait` then fails
  # at once ("accessor error"): retry until the deadline. Only the pending ones are waited for
  # (kubectl wait reads each one on its own, rate-limited as above).
  deadline=$((SECONDS + 60))
  while true; do
    pending="$(not_established "${names[@]}")" || die "could not list the CRDs"
    [[ -z "${pending}" ]] && break
    # shellcheck disable=SC2086 # one name per word
    out="$(kctl wait --for condition=Established --timeout="$((deadline - SECONDS))s" ${pending} 2>&1)" && break
    ((SECONDS < deadline)) || die "CRDs not Established within 60s: ${out}"
    sleep 0.5
  done
  out="$(kctl get crd "${ISTIO_V1_CRDS[@]}" --no-headers -o 'custom-columns=N:.metadata.name,V1:.spec.versions[?(@.name=="v1")].served')"
  [[ "$(awk '$2 == "true"' <<<"${out}" | wc -l)" == "${#ISTIO_V1_CRDS[@]}" ]] \
    || die "networking.istio.io/v1 is not served by every one of ${ISTIO_V1_CRDS[*]}: ${out}"
  printf '%s\n' "${pins}" "${names[@]}" >"${applied}"
  log "${#names[@]} CRDs applied and Established (Gateway API ${GATEWAY_API_VERSION}, Istio ${ISTIO_API_VERSION})"
}

QUIET_CACHED=0
case "${1:-}" in
  fetch) fetch_all ;;
  apply) QUIET_CACHED=1; fetch_all; apply_all ;;
  -h|--help) sed -n '2,11p' "$0" ;;
  *) die "usage: $0 fetch|apply" ;;
esac
