#!/usr/bin/env bash
# Usage: hack/run-test.sh     (make run-test, part of make test)
# Runs `make run` as the README says, on a fresh local cluster that make run brings up itself:
#   1. SWARM_RUN_UNTIL=Succeeded make run: cluster, CRD, example release, operator; exits 0 once
#      the example release is Succeeded. It must never print the CRD, and must leave no process.
#   2. The README tour, in a pseudo-terminal: make run again (cluster already up), Enter bumps the
#      version, the canary run walks its steps to Succeeded, then Ctrl-C (typed into the terminal),
#      and no java or kubectl process may be left. The kubectl command it prints must work too.
# The cluster is torn down at the end, whatever happens. The tour's output goes to
# target/run-test/tour.txt; SWARM_TOUR_UPDATE=1 also writes it into README.md's tour.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[run-test] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
repo="${PWD}"
out="${repo}/target/run-test"
rm -rf "${out}"
mkdir -p "${out}"
namespace=swarm-demo
kubectl="$(hack/cluster/bin-path.sh kubectl)"
export KUBECONFIG="${repo}/.cache/cluster/kubeconfig"
k() { "${kubectl}" --cache-dir "${repo}/.cache/cluster/kube-cache" "$@"; }

# A free port for the operator, so a make run in another clone (8080) does not clash.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-29999 -n 1)"
export QUARKUS_HTTP_PORT="${port}"

run_pgid=""
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  if [[ -n "${run_pgid}" ]] && pgrep -g "${run_pgid}" >/dev/null; then
    say "stopping what is left of make run (process group ${run_pgid})"
    kill -TERM -- "-${run_pgid}" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-${run_pgid}" 2>/dev/null || true
  fi
  if [[ -n "${run_pid:-}" ]]; then kill "${run_pid}" 2>/dev/null || true; fi
  exec 3>&- 2>/dev/null
  hack/cluster/down.sh || say "WARNING: cluster-down failed"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Processes make run may have started from this clone: java and kubectl whose working directory is
# this repository (other clones' processes, and the cluster's own, are not ours to judge).
strays() {
  local p exe
  for p in $(pgrep -x java; pgrep -x kubectl); do
    [[ "$(readlink "/proc/${p}/cwd" 2>/dev/null)" == "${repo}" ]] || continue
    exe="$(tr '\0' ' ' <"/proc/${p}/cmdline" 2>/dev/null)"
    printf '%s %s\n' "${p}" "${exe}"
  done
}
check_no_strays() { # WHEN
  local left
  left="$(strays)"
  [[ -z "${left}" ]] || fail "processes left behind $1:"$'\n'"${left}"
  [[ -z "${run_pgid}" ]] || ! pgrep -g "${run_pgid}" >/dev/null || fail "make run's process group ${run_pgid} still has processes $1: $(pgrep -a -g "${run_pgid}")"
}

# start_make_run LOG [ENV...]: make run in its own session (its own process group, as a shell
# gives a foreground job), with Ctrl-C's SIGINT not ignored (a script's background jobs start
# with SIGINT ignored: `trap -` undoes that, as for a job in a terminal); stdin is not a terminal.
start_make_run() {
  local logfile="$1"; shift
  (
    trap - INT QUIT
    exec setsid env "$@" make --no-print-directory run </dev/null >"${logfile}" 2>&1
  ) &
  run_pid=$!
  run_pgid="${run_pid}"
}

await() { # SECONDS DESCRIPTION COMMAND...
  local limit=$(($1 + SECONDS)) what="$2"; shift 2
  until "$@"; do
    ((SECONDS < limit)) || { say "timed out waiting for: ${what}"; return 1; }
    kill -0 "${run_pid}" 2>/dev/null || { say "make run exited while waiting for: ${what}"; return 1; }
    sleep 1
  done
}

if [[ -d .cache/cluster/kwok/clusters ]] && ls .cache/cluster/kwok/clusters/* >/dev/null 2>&1; then
  say "a local cluster exists: tearing it down, make run must start from a fresh one"
  hack/cluster/down.sh
fi

# ---- 1. make run, non-interactive, on a fresh cluster -------------------------------------------
say "1/2: SWARM_RUN_UNTIL=Succeeded make run (fresh cluster; operator on 127.0.0.1:${port})"
start=${SECONDS}
start_make_run "${out}/make-run.log" SWARM_RUN_UNTIL=Succeeded SWARM_RUN_TIMEOUT=240
rc=0
wait "${run_pid}" || rc=$?
first=$((SECONDS - start))
sed 's/^/    | /' "${out}/make-run.log" >&2
((rc == 0)) || fail "make run exited with ${rc} (output above; operator log: .cache/run/operator.log)"
grep -q 'openAPIV3Schema\|"apiVersion": "apiextensions' "${out}/make-run.log" && fail "make run printed the CRD"
(($(wc -c <"${out}/make-run.log") < 20000)) || fail "make run printed $(wc -c <"${out}/make-run.log") bytes"
grep -qE "^trading-swarm +1\.4\.0 +1\.4\.0 +Succeeded " "${out}/make-run.log" || fail "the watch never showed 1.4.0 Succeeded"
check_no_strays "after make run exited"
say "1/2: ok: make run on a fresh cluster reached Succeeded in ${first}s (cluster up, CRD, release, operator start)"

# ---- 2. the README tour, in a terminal ------------------------------------------------------------
# make run runs in a pseudo-terminal (util-linux `script`), as in a user's terminal: Enter is a
# newline typed into it, and Ctrl-C is the ^C character, which the terminal turns into SIGINT for
# the foreground process group.
say "2/2: the tour in a terminal: make run again, Enter starts a canary run, Ctrl-C at the end"
command -v script >/dev/null || fail "util-linux 'script' is needed for the terminal (Debian: bsdutils)"
start=${SECONDS}
mkfifo "${out}/keyboard"
(
  trap - INT QUIT
  exec script -qfec "make --no-print-directory run" /dev/null <"${out}/keyboard" >"${out}/tour.raw" 2>&1
) &
run_pid=$!
exec 3>"${out}/keyboard"   # the keyboard: kept open, so the terminal never sees end of input
type_keys() { printf '%b' "$1" >&3; }
tour_log() { tr -d '\r' <"${out}/tour.raw" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g'; }
for _ in $(seq 50); do # the terminal's session: make run's process group, for the checks below
  run_pgid="$(pgrep -P "${run_pid}" | head -n 1 || true)"
  [[ -n "${run_pgid}" ]] && break
  sleep 0.1
done
watching() { tour_log | grep -q '^\[run\] watching'; }
await 120 "make run watches the release" watching || { tour_log >&2; fail "make run did not start watching"; }
tour_log | grep -q '^\[run\] Press Enter' || { tour_log >&2; fail "make run in a terminal does not offer Enter"; }
patch_line="$(tour_log | grep -E "^ +kubectl -n ${namespace} patch srel trading-swarm " | head -n 1 | sed -E 's/^ +//')"
[[ "${patch_line}" == *'"version":"1.5.0"'* ]] || { tour_log >&2; fail "make run printed no command bumping 1.4.0 to 1.5.0"; }
# The printed command, as a user would paste it elsewhere (server-side dry run: Enter does the change).
PATH="$(dirname "${kubectl}"):${PATH}" bash -c "${patch_line} --dry-run=server" >/dev/null \
  || fail "the command make run prints fails: ${patch_line}"
say "Enter"
tour_start=${SECONDS}
type_keys '\n'
bumped() { tour_log | grep -q '^\[run\] bumping trading-swarm from 1.4.0 to 1.5.0'; }
await 20 "make run bumps the version" bumped || { tour_log >&2; fail "Enter did not bump the version"; }

rows() { tour_log | grep -E '^(NAME +VERSION|trading-swarm )'; }
done_150() { tour_log | grep -qE '^trading-swarm +1\.5\.0 +1\.5\.0 +Succeeded '; }
if ! await 240 "1.5.0 Succeeded" done_150; then
  tour_log >&2
  tail -n 40 .cache/run/operator.log >&2 || true
  fail "the canary run to 1.5.0 did not reach Succeeded within 240s"
fi
tour=$((SECONDS - tour_start))
sleep 1
k -n "${namespace}" get deploy >"${out}/deploy.txt"

say "Ctrl-C"
type_keys '\003'
stopped() { ! kill -0 "${run_pid}" 2>/dev/null; }
limit=$((SECONDS + 30))
until stopped; do ((SECONDS < limit)) || fail "make run still runs 30s after Ctrl-C"; sleep 0.5; done
rc=0
wait "${run_pid}" || rc=$?
exec 3>&-
tour_log >"${out}/tour.log"
sed 's/^/    | /' "${out}/tour.log" >&2
((rc != 0)) || fail "make run exited 0 after Ctrl-C: it did not notice the interrupt"
grep -q '^\[run\] operator stopped' "${out}/tour.log" || fail "make run did not say that it stopped the operator"
check_no_strays "after Ctrl-C"
run_pgid=""

# The steps it walked: 10, 50, 75 and 100 percent in this order (25% of 4 replicas rounds up to the
# pod already ready at 10%, so it may pass within one reconcile), then 1.5.0 stable.
weights="$(rows | awk '$2 == "1.5.0" {print $7}' | uniq | tr '\n' ' ')"
[[ "${weights}" =~ 10\ .*50\ .*75\ .*100\ $ ]] || fail "the canary run's weights were '${weights}', expected 10 .. 50 .. 75 .. 100"
{ rows; } >"${out}/tour.txt"
say "2/2: ok: Enter started the canary run to 1.5.0, which took ${tour}s; Ctrl-C stopped make run (exit ${rc}) and left nothing running"
cat "${out}/tour.txt" "${out}/deploy.txt" | sed 's/^/    /' >&2

# ---- the README's tour output ---------------------------------------------------------------------
# README.md shows this output as "real output from that run". Compared without the AGE column,
# which differs on every run; SWARM_TOUR_UPDATE=1 writes this run's output into README.md.
readme_block() { # the fenced block after the line starting with $1
  awk -v start="$1" 'index($0, start) == 1 { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' README.md
}
shape() { awk '{ $NF = ""; print }'; }
if [[ "${SWARM_TOUR_UPDATE:-}" == 1 ]]; then
  python3 - "${out}/tour.txt" "${out}/deploy.txt" <<'PY'
import re, sys
tour, deploy = (open(p).read().rstrip("\n") for p in sys.argv[1:3])
readme = open("README.md").read()
readme, n1 = re.subn(r"(This is real output from that run.*?\n\n```\n).*?(\n```)", lambda m: m.group(1) + tour + m.group(2), readme, count=1, flags=re.S)
readme, n2 = re.subn(r"(\$ kubectl -n swarm-demo get deploy\n).*?(\n```)", lambda m: m.group(1) + deploy + m.group(2), readme, count=1, flags=re.S)
assert n1 == 1 and n2 == 1, "README.md's tour blocks were not found"
open("README.md", "w").write(readme)
PY
  say "README.md's tour output was replaced by this run's (SWARM_TOUR_UPDATE=1)"
elif ! diff <(readme_block "This is real output from that run" | shape) <(shape <"${out}/tour.txt") >"${out}/readme-tour.diff"; then
  say "note: this run's rows differ from README.md's tour (AGE ignored; not a failure, timing can add a row):"
  sed 's/^/    /' "${out}/readme-tour.diff" >&2
  say "to put this run's output into README.md: SWARM_TOUR_UPDATE=1 make run-test"
fi
say "passed: make run ${first}s to Succeeded on a fresh cluster; the tour's canary run ${tour}s; total $((SECONDS - start + first))s"
