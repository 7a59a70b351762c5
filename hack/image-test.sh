#!/usr/bin/env bash
# Usage: hack/cluster/with-cluster.sh hack/image-test.sh [IMAGE]     (make image-test)
# The image (make image) as the Helm chart runs it, on the local cluster:
#   1. helm install the chart (default values); the API server accepts it and the Deployment's fake
#      pods become ready (KWOK pods never run an image);
#   2. read the operator Deployment's pod spec back from the API server and turn it into podman
#      flags: image, command/args, env, security contexts, resources, volumes, probes. The only
#      differences are printed and checked: host network on 127.0.0.1 (QUARKUS_HTTP_HOST and a free
#      QUARKUS_HTTP_PORT), and what the kubelet would add (the ServiceAccount token mount and
#      KUBERNETES_SERVICE_HOST/PORT). The token is the chart's ServiceAccount's, as
#      hack/run-as-serviceaccount.sh uses;
#   3. podman run that: /q/health/ready, the image's HEALTHCHECK, uid, capabilities, read-only root,
#      memory limit; then a release to Succeeded and a rollback; the Lease is the container's.
# Prints the image's size and its start time (podman run to /q/health/ready UP). Output: target/image-test/.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[image-test] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
[[ -n "${KUBECONFIG:-}" ]] || fail "run it through hack/cluster/with-cluster.sh (make image-test): KUBECONFIG is not set"
app_version="$(sed -nE 's/^appVersion:[[:space:]]*"?([^"]+)"?[[:space:]]*$/\1/p' deploy/helm/swarm-operator/Chart.yaml)"
image="${1:-tradingswarm/swarm-operator:${app_version}}"
namespace=swarm-operator
release=swarm-operator
demo="image-test"
container="swarm-operator-image-test"
hostname="swarm-operator-podman"
out="${PWD}/target/image-test"
kubectl="$(hack/cluster/bin-path.sh kubectl)"
helm="$(hack/cluster/bin-path.sh helm)"
k() { "${kubectl}" --cache-dir "${PWD}/.cache/cluster/kube-cache" "$@"; }
# runc: Debian 12's crun (1.8) refuses this kind of host's hybrid cgroups (v1 controllers, and a v2
# hierarchy holding one); runc handles them, and works on cgroup v2 hosts too.
podman=(podman --runtime runc)
rm -rf "${out}"
mkdir -p "${out}/serviceaccount"

command -v podman >/dev/null || fail "podman is missing: run hack/image-tools.sh (make image does)"
podman image exists "${image}" || fail "no image ${image}: run make image"
"${podman[@]}" rm -f "${container}" >/dev/null 2>&1 || true
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  if "${podman[@]}" container exists "${container}" 2>/dev/null; then
    "${podman[@]}" logs "${container}" >"${out}/operator.log" 2>&1 || true
    "${podman[@]}" rm -f -t 5 "${container}" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. the chart ------------------------------------------------------------------------------
say "installing the CRD and the chart (helm install ${release} deploy/helm/swarm-operator -n ${namespace}, default values)"
k apply --server-side -f deploy/crds/swarmreleases.tradingswarm.io.yaml >/dev/null
# Not `kubectl wait`: it fails at once while a fresh CRD has no conditions yet (see hack/run.sh).
for _ in $(seq 120); do
  [[ "$(k get crd swarmreleases.tradingswarm.io -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}' 2>/dev/null || true)" == True ]] && break
  sleep 0.5
done
"${helm}" install "${release}" deploy/helm/swarm-operator -n "${namespace}" --create-namespace --wait --timeout 2m >"${out}/helm.txt"
k -n "${namespace}" get deploy "${release}" -o json >"${out}/deployment.json"
k -n "${namespace}" get deploy,pods -o wide >&2

# ---- 2. the pod spec as podman flags ------------------------------------------------------------
pod() { jq -r "$1" "${out}/deployment.json"; }
pod '.spec.template.spec.containers | length' | grep -qx 1 || fail "expected one container in the pod"
c='.spec.template.spec.containers[0]'
chart_image="$(pod "${c}.image")"
[[ "${chart_image}" == "${image}" ]] || fail "the chart runs ${chart_image}, make image built ${image}"

bytes() { # Kubernetes quantity (Ki, Mi, Gi or plain bytes) -> bytes
  case "$1" in
    *Ki) echo $(("${1%Ki}" * 1024)) ;; *Mi) echo $(("${1%Mi}" * 1024 * 1024)) ;;
    *Gi) echo $(("${1%Gi}" * 1024 * 1024 * 1024)) ;; *[0-9]) echo "$1" ;;
    *) fail "unsupported quantity $1" ;;
  esac
}
millicores() { case "$1" in *m) echo "${1%m}" ;; *) echo $(("$1" * 1000)) ;; esac; }

# What the host network changes: the pod's own IP becomes this machine's loopback, and its port
# may be taken here, so the operator listens on a free port of 127.0.0.1.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-29999 -n 1)"
declare -A override=([QUARKUS_HTTP_HOST]=127.0.0.1 [QUARKUS_HTTP_PORT]="${port}")

args=(run -d --name "${container}" --network host --hostname "${hostname}" --pull never)
notes=()
# env: every variable of the chart, literally, except the two above.
seen=0
while IFS=$'\t' read -r name value from; do
  [[ "${from}" == null ]] || fail "env ${name} uses valueFrom: not supported by this check"
  if [[ -n "${override[${name}]:-}" ]]; then
    notes+=("env ${name}: chart ${value}, podman ${override[${name}]} (host network, loopback only)")
    value="${override[${name}]}"
    seen=$((seen + 1))
  fi
  args+=(-e "${name}=${value}")
done < <(pod "${c}.env[] | [.name, (.value // \"\"), (.valueFrom | tojson)] | @tsv")
((seen == ${#override[@]})) || fail "the chart no longer sets QUARKUS_HTTP_HOST and QUARKUS_HTTP_PORT"

# command and args: none in the chart means the image's ENTRYPOINT and CMD, as in a pod.
command_json="$(pod "${c}.command // [] | tojson")"
args_json="$(pod "${c}.args // [] | tojson")"
[[ "${command_json}" == "[]" && "${args_json}" == "[]" ]] || fail "the chart sets command ${command_json} / args ${args_json}: map them here"

# securityContext: the container's settings win over the pod's, as in Kubernetes.
# (No jq `//` here: it would drop an explicit false.)
sc() { pod "[${c}.securityContext.$1, .spec.template.spec.securityContext.$1] | map(select(. != null)) | if length > 0 then .[0] else empty end"; }
uid="$(sc runAsUser)"; gid="$(sc runAsGroup)"
[[ -n "${uid}" ]] && args+=(--user "${uid}${gid:+:${gid}}")
if [[ "$(sc runAsNonRoot)" == true ]]; then
  image_user="$(podman image inspect --format '{{.Config.User}}' "${image}")"
  [[ "${uid:-${image_user}}" =~ ^[1-9][0-9]*$ ]] || fail "runAsNonRoot, but the uid is '${uid:-${image_user}}'"
fi
# Kubernetes gives a read-only root nothing writable: no extra tmpfs (podman adds /tmp, /run and /var/tmp by default).
[[ "$(sc readOnlyRootFilesystem)" == true ]] && args+=(--read-only --read-only-tmpfs=false)
[[ "$(sc allowPrivilegeEscalation)" == false ]] && args+=(--security-opt no-new-privileges)
# Checked below inside the container too: a flag missing here fails the run.
while read -r cap; do [[ -n "${cap}" ]] && args+=(--cap-drop "${cap}"); done < <(pod "${c}.securityContext.capabilities.drop // [] | .[]")
while read -r cap; do [[ -n "${cap}" ]] && args+=(--cap-add "${cap}"); done < <(pod "${c}.securityContext.capabilities.add // [] | .[]")
seccomp="$(sc seccompProfile.type)"
[[ "${seccomp}" == RuntimeDefault ]] || fail "seccompProfile ${seccomp:-unset}: only RuntimeDefault (podman's default profile) is mapped"

# resources: the memory limit and CPU as the kubelet sets them (cpu.shares from the request).
mem="$(pod "${c}.resources.limits.memory // empty")"
[[ -n "${mem}" ]] && args+=(--memory "$(bytes "${mem}")")
cpu_limit="$(pod "${c}.resources.limits.cpu // empty")"
[[ -n "${cpu_limit}" ]] && args+=(--cpus "$(awk -v m="$(millicores "${cpu_limit}")" 'BEGIN { printf "%.3f", m / 1000 }')")
cpu_request="$(pod "${c}.resources.requests.cpu // empty")"
[[ -n "${cpu_request}" ]] && args+=(--cpu-shares "$(($(millicores "${cpu_request}") * 1024 / 1000))")

# volumes: every mount must be an emptyDir, which becomes a tmpfs of the same size.
while IFS=$'\t' read -r vname path; do
  [[ -n "${vname}" ]] || continue
  vol="$(pod ".spec.template.spec.volumes[] | select(.name == \"${vname}\") | tojson")"
  [[ "$(jq -r 'has("emptyDir")' <<<"${vol}")" == true ]] || fail "volume ${vname} is not an emptyDir: map it here"
  size="$(jq -r '.emptyDir.sizeLimit // empty' <<<"${vol}")"
  args+=(--tmpfs "${path}:rw,mode=1777${size:+,size=$(bytes "${size}")}")
done < <(pod "${c}.volumeMounts // [] | .[] | [.name, .mountPath] | @tsv")

# probes: HTTP GETs on the named port; this script asks the same paths.
ready_path="$(pod "${c}.readinessProbe.httpGet.path")"
live_path="$(pod "${c}.livenessProbe.httpGet.path")"
probe_port="$(pod "${c}.readinessProbe.httpGet.port")"
container_port="$(pod "${c}.ports[] | select(.name == \"${probe_port}\" or (.containerPort | tostring) == \"${probe_port}\") | .containerPort")"
chart_port="$(pod "${c}.env[] | select(.name == \"QUARKUS_HTTP_PORT\") | .value")"
[[ "${container_port}" == "${chart_port}" ]] || fail "the probes ask port ${probe_port} (${container_port}), the operator listens on ${chart_port}"
notes+=("probes: ${ready_path} and ${live_path} on 127.0.0.1:${port} (the pod: ${probe_port} = ${container_port})")

# What the kubelet adds to every pod of this ServiceAccount: its token, CA and namespace, and the
# API server's address. The token comes from the TokenRequest API, as the kubelet gets it.
sa="$(pod '.spec.template.spec.serviceAccountName')"
k -n "${namespace}" create token "${sa}" --duration=1h >"${out}/serviceaccount/token"
k config view --raw --minify --flatten -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"${out}/serviceaccount/ca.crt"
[[ -s "${out}/serviceaccount/ca.crt" ]] || fail "the kubeconfig has no certificate authority for the API server"
printf '%s' "${namespace}" >"${out}/serviceaccount/namespace"
chmod 0644 "${out}"/serviceaccount/*
server="$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
[[ "${server}" =~ ^https://127\.0\.0\.1:([0-9]+)$ ]] || fail "the API server is not on 127.0.0.1: ${server}"
args+=(-v "${out}/serviceaccount:/var/run/secrets/kubernetes.io/serviceaccount:ro"
  -e KUBERNETES_SERVICE_HOST=127.0.0.1 -e "KUBERNETES_SERVICE_PORT=${BASH_REMATCH[1]}")
notes+=("kubelet: ServiceAccount ${sa}'s token mounted at /var/run/secrets/kubernetes.io/serviceaccount, KUBERNETES_SERVICE_HOST/PORT = ${server}")

# This machine allows no rlimit above its own (no CAP_SYS_RESOURCE), and podman's defaults are higher.
nofile="$(ulimit -Hn)"; [[ "${nofile}" == unlimited || "${nofile}" -gt 1048576 ]] && nofile=1048576
args+=(--ulimit "nofile=${nofile}:${nofile}" --ulimit nproc=4096:4096)
notes+=("ulimits: nofile ${nofile}, nproc 4096 (podman's defaults exceed what this host allows)")
args+=("${image}")

printf 'podman --runtime runc' >"${out}/podman-run.txt"
printf ' %q' "${args[@]}" >>"${out}/podman-run.txt"
echo >>"${out}/podman-run.txt"
say "the chart's pod spec as podman flags (target/image-test/podman-run.txt):"
sed 's/ -/\n      -/g; s/^/    /' "${out}/podman-run.txt" >&2
say "differences from the pod:"
printf '    %s\n' "${notes[@]}" >&2

# ---- 3. run it -----------------------------------------------------------------------------------
get() { curl -s --max-time 3 "http://127.0.0.1:${port}$1" 2>/dev/null || true; }
say "podman run (the container listens on 127.0.0.1:${port})"
t0="$(date +%s.%N)"
# podman schedules the image's HEALTHCHECK with systemd timers and complains where there is no
# systemd (as here); this script runs the HEALTHCHECK itself below.
quiet() { grep -v 'systemd connection' >&2 || true; }
"${podman[@]}" "${args[@]}" >/dev/null 2> >(quiet)
until [[ "$(get "${ready_path}")" == *'"UP"'* ]]; do
  [[ "$("${podman[@]}" inspect --format '{{.State.Running}}' "${container}")" == true ]] \
    || { "${podman[@]}" logs "${container}" >&2; fail "the container exited"; }
  (($(date +%s) - ${t0%.*} < 90)) || { "${podman[@]}" logs "${container}" >&2; fail "not ready after 90s"; }
  sleep 0.1
done
t1="$(date +%s.%N)"
start_time="$(awk -v a="${t0}" -v b="${t1}" 'BEGIN { printf "%.1f", b - a }')"
get "${ready_path}" >"${out}/ready.json"
say "GET ${ready_path} after ${start_time}s:"
sed 's/^/    /' "${out}/ready.json" >&2
echo >&2
[[ "$(get "${live_path}")" == *'"UP"'* ]] || fail "${live_path} is not UP"
quarkus_started="$("${podman[@]}" logs "${container}" 2>&1 | grep -oE 'started in [0-9.]+s' | head -n 1 || true)"

# The process is what the pod spec asks for.
inside="$("${podman[@]}" exec "${container}" sh -c 'id -u; id -g; grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/1/status; touch /probe-write 2>&1 || true; cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max')"
printf '%s\n' "${inside}" >"${out}/inside.txt"
check() { grep -qE "$1" <<<"${inside}" || fail "inside the container: expected /$1/ in:"$'\n'"${inside}"; }
check "^${uid:-185}\$"
check '^CapEff:[[:space:]]+0+$'
check '^NoNewPrivs:[[:space:]]+1$'
check '^Seccomp:[[:space:]]+2$'
check 'Read-only file system'
[[ -z "${mem}" ]] || check "^$(bytes "${mem}")\$"
"${podman[@]}" healthcheck run "${container}" >/dev/null || fail "the image's HEALTHCHECK fails"
say "inside: uid ${uid}, no capabilities, no-new-privileges, seccomp filter, read-only root, memory limit ${mem:-none}; HEALTHCHECK healthy"

# ---- a release and a rollback, by the containerized operator -------------------------------------
phase_of() { k -n "${demo}" get srel trading-swarm -o 'jsonpath={.metadata.generation} {.status.observedGeneration} {.status.phase}' 2>/dev/null || true; }
await_phase() { # PHASE SECONDS
  local limit=$((SECONDS + $2)) g o p
  while :; do
    read -r g o p _ <<<"$(phase_of) - - -"
    [[ "${g}" == "${o}" && "${p}" == "$1" ]] && return 0
    ((SECONDS < limit)) || { k -n "${demo}" get srel,deploy -o wide >&2; "${podman[@]}" logs --tail 40 "${container}" >&2; fail "no $1 within $2s (phase ${p})"; }
    sleep 1
  done
}
k create namespace "${demo}" >/dev/null
k -n "${demo}" apply -f examples/canary-release.yaml >/dev/null
await_phase Succeeded 120
say "examples/canary-release.yaml: Succeeded (1.4.0)"
# 1.5.0 whose pods never become ready (the local cluster's test label): the run must roll back.
k -n "${demo}" patch srel trading-swarm --type json -p '[
  {"op": "replace", "path": "/spec/version", "value": "1.5.0"},
  {"op": "replace", "path": "/spec/progressDeadline", "value": "10s"},
  {"op": "add", "path": "/spec/bots/0/template/metadata", "value": {"labels": {"sim.tradingswarm.io/never-ready": "true"}}}]' >/dev/null
await_phase RolledBack 120
status="$(k -n "${demo}" get srel trading-swarm -o json | jq -c '{stable: .status.stableVersion, reason: .status.rollback.reason, seconds: .status.rollback.seconds}')"
jq -e '.stable == "1.4.0" and .reason == "ProgressDeadlineExceeded"' <<<"${status}" >/dev/null || fail "rollback status ${status}"
say "1.5.0 with never-ready pods: RolledBack ${status}"
holder="$(k -n "${namespace}" get lease swarm-operator -o 'jsonpath={.spec.holderIdentity}')"
[[ "${holder}" == "${hostname}" ]] || fail "the Lease is held by '${holder}', not the container (${hostname})"
metric='swarmrelease_runs_total{name="trading-swarm",namespace="'"${demo}"'",result="RolledBack"} 1.0'
for _ in $(seq 20); do get /q/metrics | grep -qF "${metric}" && break; sleep 0.5; done
get /q/metrics | grep -qF "${metric}" || fail "the metrics do not count the rollback"
say "the Lease ${namespace}/swarm-operator is held by ${holder}; /q/metrics counts the rollback"

# ---- stop --------------------------------------------------------------------------------------
s0=${SECONDS}
"${podman[@]}" stop -t 30 "${container}" >/dev/null 2> >(quiet)
exit_code="$("${podman[@]}" inspect --format '{{.State.ExitCode}}' "${container}")"
"${podman[@]}" logs "${container}" >"${out}/operator.log" 2>&1
[[ "${exit_code}" == 0 || "${exit_code}" == 143 ]] || fail "the operator exited ${exit_code} on SIGTERM"
size="$(podman image inspect --format '{{.Size}}' "${image}")"
summary="image ${image} $((size / 1000 / 1000)) MB; start (podman run to ${ready_path} UP) ${start_time}s${quarkus_started:+ (Quarkus: ${quarkus_started})}; stop on SIGTERM $((SECONDS - s0))s, exit ${exit_code}"
printf '%s\n' "${summary}" >"${out}/summary.txt"
say "passed: ${summary}"
