#!/usr/bin/env bash
# Usage: hack/bench/apply.sh (make bench-apply; the Makefile compiles the bench first)
# What applying N releases costs the API server, a SwarmRelease next to an Argo Rollout, with no
# controller running (io.tradingswarm.operator.bench.ApplyBench; docs/development.md, "make
# bench-apply"). The Rollout CRD comes from Argo Rollouts' module, as make bench-peers builds it
# (hack/bench/peers/argo.sh build: cached; the first run builds the controller too). A local
# cluster of this clone that is up is torn down first, and the cluster is torn down afterwards.
# Prints a table, kept in target/bench-apply/table.md.
# Environment:
#   BENCH_APPLY_N  objects per variant (default 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=bench-apply
# shellcheck source=../cluster/lib.sh
source hack/cluster/lib.sh
classpath_file=operator/target/test-classpath.txt
[[ -f "${classpath_file}" ]] || die "${classpath_file} is missing: run make bench-apply (it compiles the bench)"
n="${BENCH_APPLY_N:-1000}"
[[ "${n}" =~ ^[1-9][0-9]*$ ]] || die "BENCH_APPLY_N: '${n}' is not an object count"
hack/bench/peers/argo.sh build
rollout_crd="$(hack/bench/peers/argo.sh crd)"
"${CLUSTER_DIR}/down.sh"
CLASSPATH="operator/target/classes:operator/target/test-classes:$(cat "${classpath_file}")" \
  "${CLUSTER_DIR}/with-cluster.sh" java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dreleases="${n}" \
  -DrolloutCrd="${rollout_crd}" -DpidDir="${CLUSTER_WORKDIR}/pids" -Dout="${PWD}/target/bench-apply" \
  io.tradingswarm.operator.bench.ApplyBench
