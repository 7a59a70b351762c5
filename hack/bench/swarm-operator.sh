#!/usr/bin/env bash
# Usage: hack/bench/swarm-operator.sh build|start|stop
# swarm-operator as a controller under make bench-scale, on the local cluster (KUBECONFIG, default
# .cache/cluster/kubeconfig):
#   build  packages the operator when a source is newer than the jar (make's rule for make run)
#   start  installs the CRD, the chart's ServiceAccount and RBAC (from deploy/manifests: namespace
#          swarm-operator, every namespace watched), then runs the packaged operator in the
#          background as that ServiceAccount with the chart's leader election
#          (hack/run-as-serviceaccount.sh) and the JVM sizing of the chart's pod (below); returns
#          once /q/health/ready answers UP. Its pid goes to ${SWARM_BENCH_WORKDIR}/controller.pid,
#          its log to controller.log there (appended: a restart keeps the earlier runs' lines), its HTTP port (a free one from 18080) to port.
#   stop   TERM, then KILL after 20 s
# The environment reaches the operator: ScaleBench starts one per shard under BENCH_SCALE_SHARDS=2,
# each with its own SWARM_BENCH_WORKDIR, SWARM_SHARD_SELECTOR, SWARM_LEADER_ELECTION_LEASE_NAME and
# HOSTNAME (its identity), one start after the other, so each gets a free port of its own.
# To try other JVM settings: BENCH_JAVA_OPTS (flags appended to the chart's) and BENCH_JAVA_HOME (the
# JDK that runs the operator, e.g. /usr/lib/jvm/temurin-25-jdk-amd64).
# The JVM sizing: the image's JAVA_OPTS_APPEND (Dockerfile: -XX:MaxRAMPercentage=75 ...) in a
# container limited to the chart's resources.limits.memory (values.yaml: 512Mi). Outside a container
# -XX:MaxRAM=<limit> gives the same heap (75% of 512 MiB: 384 MiB). The image sets the Serial GC
# itself (in the container the JVM would pick it anyway; on this host it would pick G1).
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '[swarm-operator] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
workdir="${SWARM_BENCH_WORKDIR:-${PWD}/target/bench-scale/swarm-operator}"
export KUBECONFIG="${KUBECONFIG:-${PWD}/.cache/cluster/kubeconfig}"
pid_file="${workdir}/controller.pid"

# The chart's memory limit in MiB (values.yaml: resources.limits.memory).
chart_memory_mib() {
  local limit
  limit="$(awk '/^resources:/ {r = 1; next} r && /^[^ #]/ {r = 0}
    r && /^  limits:/ {l = 1; next} r && l && /^  [^ ]/ {l = 0}
    r && l && /^    memory:/ {print $2; exit}' deploy/helm/swarm-operator/values.yaml)"
  case "${limit}" in
    *Mi) printf '%s' "${limit%Mi}" ;;
    *Gi) printf '%s' "$((${limit%Gi} * 1024))" ;;
    *) die "cannot read resources.limits.memory from deploy/helm/swarm-operator/values.yaml (got '${limit}')" ;;
  esac
}

jvm_flags() {
  local image_opts mib
  image_opts="$(sed -n 's/^ *JAVA_OPTS_APPEND="\([^"]*\)".*/\1/p' Dockerfile)"
  [[ -n "${image_opts}" ]] || die "no JAVA_OPTS_APPEND in the Dockerfile"
  mib="$(chart_memory_mib)"
  printf '%s -XX:MaxRAM=%sm' "${image_opts}" "${mib}"
}

# PID is the operator's JVM and still running (not a zombie of this script, not a reused pid).
alive() {
  [[ "$(ps -o stat= -p "$1" 2>/dev/null)" == [^Z]* ]] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'quarkus-run.jar'
}

ready() { # PORT: /q/health/ready answers UP (bash's /dev/tcp, as make run asks)
  local body
  body="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2>/dev/null)" || return 1
  [[ "${body}" == *'"UP"'* ]]
}

start() {
  local kubectl port pid established=""
  kubectl="$(hack/cluster/bin-path.sh kubectl)"
  [[ -f operator/target/quarkus-app/quarkus-run.jar ]] || die "the operator is not packaged: run $0 build"
  [[ ! -f "${pid_file}" ]] || ! alive "$(cat "${pid_file}")" || die "already running: pid $(cat "${pid_file}")"
  mkdir -p "${workdir}"

  "${kubectl}" apply --server-side -f deploy/crds/swarmreleases.tradingswarm.io.yaml >/dev/null
  for _ in $(seq 120); do # as make run waits: quietly, until the condition is there
    established="$("${kubectl}" get crd swarmreleases.tradingswarm.io \
      -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}' 2>/dev/null || true)"
    [[ "${established}" == True ]] && break
    sleep 0.5
  done
  [[ "${established}" == True ]] || die "the CRD did not become Established within 60s"
  "${kubectl}" create namespace swarm-operator --dry-run=client -o yaml | "${kubectl}" apply -f - >/dev/null
  # The chart's ServiceAccount and RBAC, as rendered with its defaults; not its Deployment: this
  # process is the operator.
  awk 'function flush() {
         if (doc ~ /\nkind: (ServiceAccount|ClusterRole|ClusterRoleBinding|Role|RoleBinding)\n/) printf "---%s", doc
         doc = "\n"
       }
       BEGIN {doc = "\n"} /^---$/ {flush(); next} {doc = doc $0 "\n"} END {flush()}' deploy/manifests/swarm-operator.yaml \
    | "${kubectl}" apply -f - >/dev/null

  port=18080
  while ss -Hltn "sport = :${port}" 2>/dev/null | grep -q .; do port=$((port + 1)); done
  printf '%s\n' "${port}" >"${workdir}/port"
  say "starting the operator as system:serviceaccount:swarm-operator:swarm-operator, JVM flags: $(jvm_flags)${BENCH_JAVA_OPTS:+ ${BENCH_JAVA_OPTS}}${BENCH_JAVA_HOME:+ (java from ${BENCH_JAVA_HOME})}, port ${port}${SWARM_SHARD_SELECTOR:+, releases ${SWARM_SHARD_SELECTOR}, Lease ${SWARM_LEADER_ELECTION_LEASE_NAME:-swarm-operator}, identity ${HOSTNAME}}"
  QUARKUS_HTTP_PORT="${port}" JAVA_OPTS_APPEND="$(jvm_flags)${BENCH_JAVA_OPTS:+ ${BENCH_JAVA_OPTS}}" \
    PATH="${BENCH_JAVA_HOME:+${BENCH_JAVA_HOME}/bin:}${PATH}" \
    hack/run-as-serviceaccount.sh swarm-operator swarm-operator </dev/null >>"${workdir}/controller.log" 2>&1 &
  pid=$! # run-as-serviceaccount.sh execs java: this becomes the operator's JVM
  printf '%s\n' "${pid}" >"${pid_file}"
  for _ in $(seq 240); do
    # Before its exec the pid is run-as-serviceaccount.sh's bash: alive() would say no yet.
    [[ "$(ps -o stat= -p "${pid}" 2>/dev/null)" == [^Z]* ]] || { tail -n 30 "${workdir}/controller.log" >&2; die "the operator exited while starting (log above: ${workdir}/controller.log)"; }
    ready "${port}" && { say "ready: pid ${pid}, log ${workdir}/controller.log"; return 0; }
    sleep 0.5
  done
  stop
  die "the operator did not report ready within 120s (log: ${workdir}/controller.log)"
}

stop() {
  local pid
  [[ -f "${pid_file}" ]] || return 0
  pid="$(cat "${pid_file}")"
  if alive "${pid}"; then
    kill -TERM "${pid}"
    for _ in $(seq 100); do
      alive "${pid}" || break
      sleep 0.2
    done
    if alive "${pid}"; then kill -KILL "${pid}"; fi
  fi
  rm -f "${pid_file}"
}

case "${1:-}" in
  build) make --no-print-directory operator/target/quarkus-app/quarkus-run.jar ;;
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 build|start|stop" ;;
esac
