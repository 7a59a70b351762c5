#!/usr/bin/env bash
# Usage: hack/chaos/chaos.sh (make chaos; make test runs the short variant; the Makefile compiles first)
# The chaos run (docs/development.md, "make chaos"): on a fresh local cluster whose API server
# writes an audit log of what the operator writes (hack/chaos/audit-policy.yaml), releases with
# probes and hooks run while the packaged operator (as the chart runs it) is SIGKILLed at chosen
# moments, kube-apiserver is restarted, and the leader of two replicas is killed
# (io.tradingswarm.operator.chaos.ChaosRun); then the invariants are judged from the audit log.
# The cluster is always torn down. Prints a table (kept in target/chaos/table.md); exits 1 when an
# invariant broke or a run never ended. The audit log is kept there too (audit.log and
# the parts the API server rotated away at 100 MB, audit-<time>.log), and each replica's log (replica-N/controller.log).
# Environment:
#   CHAOS_KILLS               operator SIGKILLs, one replica (default 100)
#   CHAOS_APISERVER_RESTARTS  kube-apiserver restarts among them (default 3)
#   CHAOS_LEADER_KILLS        leader SIGKILLs with two replicas, afterwards (default 5)
#   CHAOS_RELEASES            releases, one per namespace, every fifth blue-green (default 20)
#   CHAOS_SEED                the seed of the versions and kill moments (default: random, printed)
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=chaos
export SWARM_CLUSTER_NAME="${SWARM_CLUSTER_NAME:-chaos}"
# shellcheck source=../cluster/lib.sh
source hack/cluster/lib.sh
classpath_file=operator/target/test-classpath.txt
[[ -f "${classpath_file}" ]] || die "${classpath_file} is missing: run make chaos (it compiles the run)"
[[ -f operator/target/quarkus-app/quarkus-run.jar ]] || die "the operator is not packaged: run make chaos (it builds it)"
out="${PWD}/target/chaos"
rm -rf "${out}"
mkdir -p "${out}"
"${CLUSTER_DIR}/down.sh"
CLASSPATH="operator/target/classes:operator/target/test-classes:$(cat "${classpath_file}")" \
  SWARM_CLUSTER_AUDIT_POLICY="${PWD}/hack/chaos/audit-policy.yaml" \
  "${CLUSTER_DIR}/with-cluster.sh" java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dkills="${CHAOS_KILLS:-100}" -DapiserverRestarts="${CHAOS_APISERVER_RESTARTS:-3}" \
  -DleaderKills="${CHAOS_LEADER_KILLS:-5}" -Dreleases="${CHAOS_RELEASES:-20}" ${CHAOS_SEED:+-Dseed="${CHAOS_SEED}"} \
  -DauditLog="${CLUSTER_WORKDIR}/logs/audit.log" -Dout="${out}" io.tradingswarm.operator.chaos.ChaosRun
