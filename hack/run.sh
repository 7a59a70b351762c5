#!/usr/bin/env bash
# `make run`: the local cluster (default) or your current kubectl context (CLUSTER=current), the
# CRD, the example release in its own namespace, and the operator, all from one terminal:
#   - the operator runs in the background, its log in .cache/run/operator.log;
#   - the foreground watches the example release live (kubectl get srel -w);
#   - Enter bumps the release to the next version, which starts a canary run;
#   - Ctrl-C stops the operator and the watch, and leaves no process behind. The cluster keeps
#     running (make cluster-down stops it).
# Environment:
#   SWARM_RUN_UNTIL=PHASE  non-interactive: exit 0 once the example release reaches PHASE (for its
#                          current spec), 1 if it ends in another final phase or the operator dies
#   SWARM_RUN_TIMEOUT=SECS how long SWARM_RUN_UNTIL waits (default 300)
#   QUARKUS_HTTP_PORT      the operator's health and metrics port on 127.0.0.1 (default 8080)
set -euo pipefail
cluster="${1:-local}"
namespace="${2:-swarm-demo}"
cd "$(dirname "$0")/.."
say() { printf '[run] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
until_phase="${SWARM_RUN_UNTIL:-}"
timeout="${SWARM_RUN_TIMEOUT:-300}"
port="${QUARKUS_HTTP_PORT:-8080}"
release=trading-swarm
crd=swarmreleases.tradingswarm.io
jar=operator/target/quarkus-app/quarkus-run.jar
run_dir="${PWD}/.cache/run"
log="${run_dir}/operator.log"

[[ -f "${jar}" ]] || die "${jar} is missing: run make build (make run does)"
case "${cluster}" in
  local)
    hack/cluster/up.sh
    export KUBECONFIG="${PWD}/.cache/cluster/kubeconfig"
    kubectl="$(hack/cluster/bin-path.sh kubectl)"
    ;;
  current)
    kubectl="$(command -v kubectl)" || die "no kubectl on PATH"
    say "using your current kubectl context: $("${kubectl}" config current-context)"
    ;;
  *)
    die "unknown CLUSTER='${cluster}': use 'local' (default) or 'current'"
    ;;
esac
k() { "${kubectl}" "$@"; }

# Quiet and tolerant reads: no object dump, no error when the field or the object is absent yet.
field() { # NAMESPACE (empty: cluster-scoped) RESOURCE JSONPATH
  k ${1:+-n "$1"} get "$2" -o "jsonpath=$3" 2>/dev/null || true
}

mkdir -p "${run_dir}"
[[ -f "${PWD}/.cache/.gitignore" ]] || printf '*\n' >"${PWD}/.cache/.gitignore"
if command -v ss >/dev/null && ss -Hltn "sport = :${port}" 2>/dev/null | grep -q .; then
  die "port ${port} is in use (another make run?): stop it, or choose another with QUARKUS_HTTP_PORT=..."
fi

say "installing the CRD"
k apply --server-side -f deploy/crds/${crd}.yaml >/dev/null
# Wait for Established without `kubectl wait`: for a moment after creation the CRD has no
# .status.conditions, and `kubectl wait --for=condition=...` then fails at once ("accessor error").
# A jsonpath filter errors (and prints the whole object) while the list is absent, so the read is
# quiet and tolerant, and only the answer "True" counts.
established=""
for _ in $(seq 120); do
  established="$(field "" "crd/${crd}" '{.status.conditions[?(@.type=="Established")].status}')"
  [[ "${established}" == True ]] && break
  sleep 0.5
done
[[ "${established}" == True ]] || die "the CRD did not become Established within 60s (kubectl get crd ${crd} -o yaml shows why)"

say "applying examples/canary-release.yaml in namespace ${namespace}"
k create namespace "${namespace}" --dry-run=client -o yaml | k apply -f - >/dev/null
applied=false
for _ in $(seq 10); do # kubectl's discovery may lag the new CRD by a moment
  if k -n "${namespace}" apply -f examples/canary-release.yaml >"${run_dir}/apply.out" 2>&1; then applied=true; break; fi
  sleep 1
done
"${applied}" || die "kubectl apply -f examples/canary-release.yaml failed: $(tail -c 500 "${run_dir}/apply.out")"
sed 's/^/[run] /' "${run_dir}/apply.out" >&2

# --- from here on, everything started is stopped on exit, Ctrl-C (INT), TERM and HUP -------------
operator_pid=""
watch_pid=""
# shellcheck disable=SC2317 # called from traps
stop() {
  local p
  trap - EXIT INT TERM HUP
  for p in ${watch_pid} ${operator_pid}; do kill -TERM "${p}" 2>/dev/null || true; done
  for _ in $(seq 50); do # the operator shuts down gracefully within a few seconds
    alive=false
    for p in ${watch_pid} ${operator_pid}; do kill -0 "${p}" 2>/dev/null && alive=true; done
    "${alive}" || break
    sleep 0.2
  done
  for p in ${watch_pid} ${operator_pid}; do kill -KILL "${p}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "${operator_pid}" ]]; then say "operator stopped (its log: ${log#"${PWD}/"})"; fi
  return 0
}
trap 'rc=$?; stop; exit "${rc}"' EXIT
trap 'echo >&2; stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop; exit 129' HUP

say "starting the operator in the background (log: ${log#"${PWD}/"})"
# Background jobs of a script ignore Ctrl-C; stop() ends them instead, whatever ends this script.
java -jar "${jar}" >"${log}" 2>&1 &
operator_pid=$!

ready() { # true when /q/health/ready answers UP (bash's /dev/tcp: no curl needed)
  local body
  body="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2>/dev/null)" || return 1
  [[ "${body}" == *'"UP"'* ]]
}
for _ in $(seq 120); do
  if ! kill -0 "${operator_pid}" 2>/dev/null; then
    rc=0; wait "${operator_pid}" || rc=$?
    operator_pid=""
    tail -n 30 "${log}" >&2
    die "the operator exited with ${rc} while starting (its log, above: ${log#"${PWD}/"})"
  fi
  ready && break
  sleep 0.5
done
ready || { tail -n 30 "${log}" >&2; die "the operator did not report ready within 60s (log above)"; }
say "operator ready: http://127.0.0.1:${port}/q/health/ready, metrics on /q/metrics"

next_version() { # 1.4.0 -> 1.5.0
  local v="$1" major minor
  if [[ "${v}" =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]]; then
    major="${BASH_REMATCH[1]}"; minor="${BASH_REMATCH[2]}"
    printf '%s.%s.0' "${major}" "$((minor + 1))"
  else
    printf '%s-next' "${v}"
  fi
}
version="$(field "${namespace}" "srel/${release}" '{.spec.version}')"
patch_cmd="kubectl -n ${namespace} patch srel ${release} --type merge -p '{\"spec\":{\"version\":\"$(next_version "${version}")\"}}'"
interactive=false
[[ -z "${until_phase}" && -t 0 ]] && interactive=true

cat >&2 <<TXT

[run] Watching the release (Ctrl-C stops the operator and the watch; the cluster keeps running: make cluster-down).
TXT
if "${interactive}"; then
  cat >&2 <<TXT
[run] Press Enter to bump the version and start a canary run. It runs, in this terminal:

    ${patch_cmd}

TXT
else
  cat >&2 <<TXT
[run] To start a canary run, bump the version:

    ${patch_cmd}

TXT
fi
cat >&2 <<TXT
[run] kubectl in another terminal:  export KUBECONFIG=${KUBECONFIG:-~/.kube/config} PATH=$(dirname "${kubectl}"):\$PATH
[run] watching:

TXT
# Started as the kubectl process itself (not through a function, whose subshell would get the pid),
# so that stop() signals kubectl.
start_watch() { "${kubectl}" -n "${namespace}" get srel "${release}" -w & watch_pid=$!; }
start_watch

final_phases=" Succeeded RolledBack Degraded InvalidSpec "
deadline=$((SECONDS + timeout))
while :; do
  if ! kill -0 "${operator_pid}" 2>/dev/null; then
    rc=0; wait "${operator_pid}" || rc=$?
    operator_pid=""
    tail -n 30 "${log}" >&2
    die "the operator exited with ${rc} (its log, above: ${log#"${PWD}/"})"
  fi
  kill -0 "${watch_pid}" 2>/dev/null || start_watch # a watch can end (API server timeout): start another
  if [[ -n "${until_phase}" ]]; then
    state="$(field "${namespace}" "srel/${release}" '{.metadata.generation} {.status.observedGeneration} {.status.phase}')"
    read -r generation observed phase _ <<<"${state} - - -"
    if [[ "${generation}" == "${observed}" && " ${final_phases} ${until_phase} " == *" ${phase} "* ]]; then
      sleep 0.5 # let the watch print the last row
      if [[ "${phase}" == "${until_phase}" ]]; then
        say "the release reached ${phase} (SWARM_RUN_UNTIL=${until_phase}): stopping"
        exit 0
      fi
      die "the release ended ${phase}, not ${until_phase}: $(field "${namespace}" "srel/${release}" '{.status.message}')"
    fi
    ((SECONDS < deadline)) || die "the release did not reach ${until_phase} within ${timeout}s (phase: ${phase})"
    sleep 1
  elif "${interactive}"; then
    rc=0
    read -r -s -t 1 _ || rc=$?
    if ((rc == 1)); then # end of input (Ctrl-D): keep watching, stop reading
      interactive=false
    elif ((rc == 0)); then
      version="$(field "${namespace}" "srel/${release}" '{.spec.version}')"
      next="$(next_version "${version}")"
      say "bumping ${release} from ${version} to ${next}"
      k -n "${namespace}" patch srel "${release}" --type merge -p "{\"spec\":{\"version\":\"${next}\"}}" >/dev/null \
        || say "the patch failed"
    fi
  else
    sleep 1
  fi
done
