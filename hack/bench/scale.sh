#!/usr/bin/env bash
# Usage: hack/bench/scale.sh (make bench-scale; the Makefile compiles the bench first)
# The scale bench (docs/development.md, "make bench-scale"): for each N, for each controller, one
# at a time, on a fresh local cluster whose API server writes an audit log
# (hack/bench/audit-policy.yaml): the controller idle, then N releases of one bot with 2 replicas
# (canary steps 50/100, in 10 namespaces) released, then all bumped at once
# (io.tradingswarm.operator.bench.ScaleBench). A local cluster of this clone that is up already
# is torn down first. Prints one table at the end; the rows and notes are kept in target/bench-scale/.
# With more than one controller (make bench-peers), then the ratios of the first one's figures to
# each other's, per N and phase (hack/bench/ratios.awk).
# Environment:
#   BENCH_SCALE_N            release counts (default "100 300 1000")
#   BENCH_SCALE_CONTROLLERS  controllers: swarm-operator, argo-rollouts (root: a network namespace)
#                            (default swarm-operator)
#   BENCH_SCALE_DEADLINE     seconds a phase waits for its releases (default 120 + 1.2 N)
#   BENCH_SCALE_IDLE         seconds the idle controller is left alone before its RSS is read (default 10)
#   BENCH_SCALE_SETTLE       seconds after a phase's last release before its figures are read (default 5)
#   BENCH_SCALE_SHARDS       swarm-operator's processes (default 1). 2: one with
#                            SWARM_SHARD_SELECTOR=tradingswarm.io/shard=one for half the N releases
#                            (labelled so), one with !tradingswarm.io/shard for the other half, each
#                            with its own Lease, HTTP port and HOSTNAME; a row per shard under each
#                            phase's row (which sums their CPU and RSS; their requests are counted
#                            together: they share the ServiceAccount)
#   BENCH_SCALE_ROLLBACKS    k rollback releases (default 0: none; swarm-operator only): make bench's
#                            canary with an HTTP probe, each in a namespace of its own, bumped with
#                            the N; once a third of the N are done (or 60 s into the bump), one
#                            endpoint turns to 500 every 5 s; their rollback reaction is printed
#                            below the table (they are not among the N, nor in the requests)
#   BENCH_SCALE_ROLLBACK_STRATEGY  the rollback releases' canary: replicas (default: traffic by
#                            replica ratio, the stable slot shrinks as the new one grows) or
#                            gatewayAPI (an HTTPRoute per bot, the stable slot kept full; make
#                            bench's -Dstrategy=gatewayAPI)
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=bench-scale
# shellcheck source=../cluster/lib.sh
source hack/cluster/lib.sh
out="${PWD}/target/bench-scale"
classpath_file=operator/target/test-classpath.txt
[[ -f "${classpath_file}" ]] || die "${classpath_file} is missing: run make bench-scale (it compiles the bench)"
classpath="operator/target/classes:operator/target/test-classes:$(cat "${classpath_file}")"

controller_script() { # NAME: the controller's build|start|stop script
  case "$1" in
    swarm-operator) printf 'hack/bench/swarm-operator.sh' ;;
    argo-rollouts) printf 'hack/bench/peers/argo.sh' ;;
    *) die "unknown controller '$1'" ;;
  esac
}

controllers="${BENCH_SCALE_CONTROLLERS:-swarm-operator}"
for c in ${controllers}; do
  controller_script "${c}" >/dev/null
  # Before any cluster run: argo.sh start needs root for its network namespace.
  [[ "${c}" != argo-rollouts || "$(id -u)" == 0 ]] || die "argo-rollouts runs in a network namespace (ip netns): run as root"
done
for c in ${controllers}; do
  log "building ${c}"
  "$(controller_script "${c}")" build
done

shards="${BENCH_SCALE_SHARDS:-1}"
[[ "${shards}" == 1 || "${shards}" == 2 ]] || die "BENCH_SCALE_SHARDS: '${shards}' is neither 1 nor 2"
rollbacks="${BENCH_SCALE_ROLLBACKS:-0}"
[[ "${rollbacks}" =~ ^[0-9]+$ ]] || die "BENCH_SCALE_ROLLBACKS: '${rollbacks}' is not a release count"
rollback_strategy="${BENCH_SCALE_ROLLBACK_STRATEGY:-replicas}"
[[ "${rollback_strategy}" == replicas || "${rollback_strategy}" == gatewayAPI ]] \
  || die "BENCH_SCALE_ROLLBACK_STRATEGY: '${rollback_strategy}' is neither replicas nor gatewayAPI"
if [[ "${shards}" != 1 || "${rollbacks}" != 0 ]]; then
  [[ "${controllers}" == swarm-operator ]] || die "BENCH_SCALE_SHARDS and BENCH_SCALE_ROLLBACKS are for swarm-operator alone"
fi

mkdir -p "${out}"
rm -f "${out}/table.md" "${out}/notes.txt"
failed=()
for n in ${BENCH_SCALE_N:-100 300 1000}; do
  [[ "${n}" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE_N: '${n}' is not a release count"
  # KWOK nodes take 110 pods each; a release has up to 3 pods at once (2 replicas, 1 more mid-run),
  # a rollback release up to 9 (4+2 replicas, 3 more mid-run).
  nodes=$(((3 * n + 9 * rollbacks + 99) / 100))
  ((nodes >= 3)) || nodes=3
  for c in ${controllers}; do
    log "N=${n}, ${c}: a fresh cluster with ${nodes} nodes"
    "${CLUSTER_DIR}/down.sh"
    # The classpath in the environment: with-cluster.sh prints the command it runs (java -jar, the
    # operator, ignores it).
    if ! CLASSPATH="${classpath}" SWARM_CLUSTER_NODES="${nodes}" SWARM_CLUSTER_AUDIT_POLICY="${PWD}/hack/bench/audit-policy.yaml" \
      "${CLUSTER_DIR}/with-cluster.sh" java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dreleases="${n}" -Dcontroller="${c}" \
      -DauditLog="${CLUSTER_WORKDIR}/logs/audit.log" -Dout="${out}" -Dshards="${shards}" -Drollbacks="${rollbacks}" \
      -Dstrategy="${rollback_strategy}" \
      ${BENCH_SCALE_DEADLINE:+-Ddeadline="${BENCH_SCALE_DEADLINE}"} ${BENCH_SCALE_IDLE:+-Didle="${BENCH_SCALE_IDLE}"} \
      ${BENCH_SCALE_SETTLE:+-Dsettle="${BENCH_SCALE_SETTLE}"} io.tradingswarm.operator.bench.ScaleBench; then
      failed+=("N=${n} ${c}")
    fi
  done
done

printf '\nmake bench-scale: wall s = to the last release done (">" when some never were), p50/p90 s = release completion from the phase start\n'
printf 'CPU s, RSS: the controller process (/proc); requests: the API server audit log, by the controller'"'"'s ServiceAccount user\n'
if [[ "${shards}" == 2 ]]; then
  printf 'Sharded: a row per process under each phase'"'"'s row, which sums their CPU and RSS (the sum of the peaks); both share the ServiceAccount, so their requests are counted together\n'
fi
if [[ "${rollbacks}" != 0 ]]; then
  printf '%s rollback releases (below the table) are not among the N; requests on objects in their namespaces are not counted\n' "${rollbacks}"
fi
printf '\n'
cat "${out}/table.md" 2>/dev/null || true
printf '\n'
cat "${out}/notes.txt" 2>/dev/null || true
read -ra listed <<<"${controllers}"
if ((${#listed[@]} > 1)) && [[ -f "${out}/table.md" ]]; then
  awk -v controllers="${controllers}" -f hack/bench/ratios.awk "${out}/table.md"
  printf '\n'
fi
((${#failed[@]} == 0)) || die "the bench did not run to its end for: ${failed[*]}"
