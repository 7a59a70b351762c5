#!/usr/bin/env bash
# Usage: hack/cluster/with-cluster.sh CMD [ARGS...]
# Brings the local cluster up (hack/cluster/up.sh), runs CMD with KUBECONFIG exported, and ALWAYS
# brings the cluster down afterwards (also on Ctrl-C / SIGTERM). Exits with CMD's exit code.
set -uo pipefail
LOG_PREFIX=with-cluster
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($#)) || die "usage: $0 CMD [ARGS...]"

rc=0
cleaned=0
# shellcheck disable=SC2317 # invoked from the EXIT trap
cleanup() {
  ((cleaned)) && return
  cleaned=1
  "${CLUSTER_DIR}/down.sh" || log "WARNING: cluster-down failed"
}
trap 'cleanup; exit "${rc}"' EXIT
trap 'rc=130; exit 130' INT
trap 'rc=143; exit 143' TERM

if ! "${CLUSTER_DIR}/up.sh"; then
  rc=1
  die "cluster-up failed"
fi

export KUBECONFIG="${CLUSTER_KUBECONFIG}"
# The matching kubectl and helm come first on PATH.
PATH="$(dirname "$(bin_path kubectl)"):$(dirname "$(bin_path helm)"):${PATH}"
export PATH
log "running: $*"
# Run CMD in the background and wait, so INT/TERM reach this shell's traps right away
# (`trap - INT QUIT` undoes bash's "background jobs ignore SIGINT" so Ctrl-C still reaches CMD).
(
  trap - INT QUIT
  exec "$@"
) &
cmd_pid=$!
trap 'rc=130; kill -INT "${cmd_pid}" 2>/dev/null; wait "${cmd_pid}" 2>/dev/null; exit 130' INT
trap 'rc=143; kill -TERM "${cmd_pid}" 2>/dev/null; wait "${cmd_pid}" 2>/dev/null; exit 143' TERM
wait "${cmd_pid}"
rc=$?
log "command exited with ${rc}"
exit "${rc}"
