#!/usr/bin/env bash
# Usage: hack/run-test.sh     (make run-test, part of make test)
# Runs `make run` as the README says, on a fresh local cluster that make run brings up itself:
#   1. SWARM_RUN_UNTIL=Succeeded make run: cluster, CRD, example release, operator, and the watch
#      (kubectl-swarm get -w, as make run builds it); exits 0 once the example release is Succeeded
#      and the watch shows it. It must never print the CRD, and must leave no process.
#   2. The README tour, in a pseudo-terminal: make run again (cluster already up). Enter bumps the
#      version; the canary run walks its steps to the manual gate; Enter there promotes it
#      (kubectl-swarm promote); the run goes on to Succeeded; then Ctrl-C (typed into the
#      terminal), and no java (operator, plugin) or kubectl process may be left. The watch redraws
#      in place: the checks read the frames' Phase, Strategy and Version lines. The commands make run
#      prints for other terminals must work too (the patch, and kubectl swarm after install-cli).
# The cluster is torn down at the end, whatever happens. The tour's output goes to
# target/run-test/tour.log (the screens: gate.txt, end.txt); SWARM_TOUR_UPDATE=1 also writes
# the screen at the gate, the last screen and the Deployments into README.md's tour.
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

# Processes make run may have started from this clone: java (the operator, and kubectl-swarm's JVM:
# its launcher execs java -jar .../kubectl-swarm.jar), kubectl-swarm launchers not yet exec'd, and
# kubectl, whose working directory is this repository (other clones' processes, and the cluster's
# own, are not ours to judge).
strays() { # [operator|plugin]: only the operator's JVM, or only the plugin's
  local p exe
  for p in $({ pgrep -x java; pgrep -x kubectl; pgrep -f 'bin/kubectl-swarm'; } | sort -u); do
    [[ "$(readlink "/proc/${p}/cwd" 2>/dev/null)" == "${repo}" ]] || continue
    exe="$(tr '\0' ' ' <"/proc/${p}/cmdline" 2>/dev/null)"
    case "${1:-}" in
      plugin) [[ "${exe}" == *kubectl-swarm* ]] || continue ;;
      operator) [[ "${exe}" == *quarkus-run.jar* ]] || continue ;;
    esac
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

# The watch's frames (kubectl-swarm get: "Name:", "Phase:", "Strategy: canary  step 2/5  weight
# 10%", "Version: 1.5.0  (stable 1.4.0)"...), one line each: PHASE STEP WEIGHT VERSION STABLE.
frames() {
  awk 'function emit() { if (inframe) print phase, step, weight, version, stable; inframe = 0 }
    /^Name: / { emit(); inframe = 1; phase = step = weight = version = stable = "-"; next }
    !inframe { next }
    /^\[run\]/ { emit(); next }
    /^Phase: / { phase = $2 }
    /^Strategy: / { for (i = 2; i < NF; i++) { if ($i == "step") step = $(i + 1); if ($i == "weight") { weight = $(i + 1); sub(/%$/, "", weight) } } }
    /^Version: / { version = $2; stable = $4; sub(/\)$/, "", stable) }
    END { emit() }'
}

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
(($(wc -c <"${out}/make-run.log") < 60000)) || fail "make run printed $(wc -c <"${out}/make-run.log") bytes"
frames <"${out}/make-run.log" | grep -qE '^Succeeded [^ ]+ [^ ]+ 1\.4\.0 1\.4\.0$' \
  || fail "the watch (kubectl-swarm get -w) never showed 1.4.0 Succeeded (stable 1.4.0); its frames: $(frames <"${out}/make-run.log" | uniq | tr '\n' ';')"
check_no_strays "after make run exited"
say "1/2: ok: make run on a fresh cluster reached Succeeded in ${first}s (cluster up, CRD, release, operator start)"

# ---- 2. the README tour, in a terminal ------------------------------------------------------------
# make run runs in a pseudo-terminal (util-linux `script`), as in a user's terminal: Enter is a
# newline typed into it, and Ctrl-C is the ^C character, which the terminal turns into SIGINT for
# the foreground process group.
say "2/2: the tour in a terminal: make run again, Enter starts a canary run, Enter at the gate promotes it, Ctrl-C at the end"
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
# What the terminal received, without carriage returns and escape sequences: the watch's frames one
# after the other, each with make run's lines below it.
tour_log() { tr -d '\r' <"${1:-${out}/tour.raw}" | sed 's/\x1b\[[?0-9;]*[A-Za-z]//g'; }
for _ in $(seq 50); do # the terminal's session: make run's process group, for the checks below
  run_pgid="$(pgrep -P "${run_pid}" | head -n 1 || true)"
  [[ -n "${run_pgid}" ]] && break
  sleep 0.1
done
show_and_fail() { tour_log | tail -n 200 >&2; tail -n 40 .cache/run/operator.log >&2 || true; fail "$1"; }
watching() { tour_log | grep -q '^Phase: '; }
await 120 "make run watches the release" watching || show_and_fail "make run did not show the watch's first frame"
log_now="$(tour_log)"
grep -q '^\[run\] Press Enter' <<<"${log_now}" || show_and_fail "make run in a terminal does not offer Enter"
patch_line="$(grep -E "^ +kubectl -n ${namespace} patch srel trading-swarm " <<<"${log_now}" | head -n 1 | sed -E 's/^ +//')"
[[ "${patch_line}" == *'"version":"1.5.0"'* ]] || show_and_fail "make run printed no command bumping 1.4.0 to 1.5.0"
grep -qE "^ +kubectl-swarm promote trading-swarm -n ${namespace}\$" <<<"${log_now}" || show_and_fail "make run printed no promote command"
grep -q 'make install-cli' <<<"${log_now}" || show_and_fail "make run does not say how to install kubectl swarm"
swarm_lines="$(grep -E '^ +kubectl swarm ' <<<"${log_now}" | sed -E 's/^ +//')"
[[ -n "${swarm_lines}" ]] || show_and_fail "make run printed no kubectl swarm commands for other terminals"
# The printed command, as a user would paste it elsewhere (server-side dry run: Enter does the change).
PATH="$(dirname "${kubectl}"):${PATH}" bash -c "${patch_line} --dry-run=server" >/dev/null \
  || fail "the command make run prints fails: ${patch_line}"
[[ -n "$(strays plugin)" ]] || show_and_fail "no kubectl-swarm JVM runs the watch"

say "Enter"
tour_start=${SECONDS}
type_keys '\n'
bumped() { tour_log | grep -q '^\[run\] bumping trading-swarm from 1.4.0 to 1.5.0'; }
await 20 "make run bumps the version" bumped || show_and_fail "Enter did not bump the version"

at_gate() { # the watch shows the gate, and make run's line below it says Enter promotes
  tour_log | frames | grep -qE '^Paused 4/5 50 1\.5\.0 1\.4\.0$' \
    && tour_log | grep -q '^\[run\] The run waits at its manual gate (step 4/5)\. Enter: promote it\.'
}
await 120 "the manual gate (step 4/5)" at_gate || show_and_fail "the canary run to 1.5.0 did not reach its manual gate within 120s"
gate_at=$((SECONDS - tour_start))
sleep 2 # a few frames at the gate, for the README
say "Enter (at the gate)"
type_keys '\n'
promoted() { tour_log | grep -q '^ *swarmrelease trading-swarm: promote applied by the operator'; }
await 30 "make run promotes the release" promoted || show_and_fail "Enter at the gate did not promote the release (kubectl-swarm promote)"
done_150() { tour_log | frames | grep -qE '^Succeeded 5/5 100 1\.5\.0 1\.5\.0$'; }
await 120 "1.5.0 Succeeded" done_150 || show_and_fail "the canary run to 1.5.0 did not reach Succeeded within 120s of the promote"
tour=$((SECONDS - tour_start))
sleep 2 # the last frames, for the README
cp "${out}/tour.raw" "${out}/tour-before-ctrl-c.raw"
k -n "${namespace}" get deploy >"${out}/deploy.txt"
[[ -n "$(strays plugin)" ]] || show_and_fail "the watch's kubectl-swarm JVM is gone before Ctrl-C"

say "Ctrl-C"
type_keys '\003'
stopped() { ! kill -0 "${run_pid}" 2>/dev/null; }
limit=$((SECONDS + 30))
until stopped; do ((SECONDS < limit)) || fail "make run still runs 30s after Ctrl-C"; sleep 0.5; done
rc=0
wait "${run_pid}" || rc=$?
exec 3>&-
tour_log >"${out}/tour.log"
((rc != 0)) || show_and_fail "make run exited 0 after Ctrl-C: it did not notice the interrupt"
grep -q '^\[run\] operator stopped' "${out}/tour.log" || show_and_fail "make run did not say that it stopped the operator"
check_no_strays "after Ctrl-C (the operator, the watch's kubectl-swarm, kubectl)"
run_pgid=""

# The steps it walked, as the watch showed them: 10% paused at step 2/5, 50% paused at the gate
# (step 4/5), then 1.5.0 stable at 100% (the steps in between may pass within one redraw).
frames <"${out}/tour.log" | uniq >"${out}/frames.txt"
walked="$(awk '$4 == "1.5.0" { print $1, $2, $3, $5 }' "${out}/frames.txt" | uniq | tr '\n' ';')"
[[ "${walked}" =~ Paused\ 2/5\ 10\ 1\.4\.0\;.*Paused\ 4/5\ 50\ 1\.4\.0\;.*Succeeded\ 5/5\ 100\ 1\.5\.0\;$ ]] \
  || fail "the watch showed the canary run as '${walked}', expected Paused 2/5 10% .. Paused 4/5 50% .. Succeeded 5/5 100% (stable 1.5.0)"
# The screens the README shows: the watch's frame with make run's lines below it, complete (ending
# with the Ctrl-C hint), at the gate before Enter, and the last one.
screen() { # gate|end
  tour_log "${out}/tour-before-ctrl-c.raw" | awk -v which="$1" '
    function close_screen(   i, text) {
      if (n && lines[n] ~ /Ctrl-C: stop make run\.$/) {
        text = ""
        for (i = 1; i <= n; i++) text = text lines[i] "\n"
        if (which == "gate" && !promoting && text ~ /\nPhase: +Paused/ && text ~ /The run waits at its manual gate/) best = text
        if (which == "end" && text ~ /\nPhase: +Succeeded/ && text ~ /\(stable 1\.5\.0\)/) best = text
      }
      n = 0
    }
    /^Name: / { close_screen(); inside = 1 }
    inside { lines[++n] = $0 }
    /^\[run\] promoting / { promoting = 1 }
    END { close_screen(); printf "%s", best }'
}
screen gate >"${out}/gate.txt"
screen end >"${out}/end.txt"
[[ -s "${out}/gate.txt" && -s "${out}/end.txt" ]] || fail "no complete screen at the gate or at the end in the tour's output"
grep -q '^ ▶ 4\. pause until promote' "${out}/gate.txt" || fail "the screen at the gate does not mark step 4 (pause until promote) as current:"$'\n'"$(cat "${out}/gate.txt")"
say "2/2: ok: Enter started the canary run to 1.5.0, which waited at the gate after ${gate_at}s; Enter promoted it, Succeeded after ${tour}s; Ctrl-C stopped make run (exit ${rc}) and left nothing running"
sed 's/^/    /' "${out}/end.txt" "${out}/deploy.txt" >&2

# ---- kubectl swarm in another terminal, as make run says ------------------------------------------
# make install-cli is the cli build (make run just did it) and hack/install-cli.sh: here into
# target/run-test/cli, then the kubectl swarm commands make run printed, as printed, through
# kubectl's plugin lookup on PATH. A watch (-w) runs until it is stopped: its first frame is
# enough. The operator is stopped now: a promote is only requested (no answer within 5 s), on a
# cluster torn down next.
say "the kubectl swarm commands make run prints for other terminals (after make install-cli)"
hack/install-cli.sh "${out}/cli" 2>"${out}/install-cli.out" || { cat "${out}/install-cli.out" >&2; fail "hack/install-cli.sh failed"; }
while IFS= read -r line; do
  rc=0
  PATH="${out}/cli/bin:$(dirname "${kubectl}"):${PATH}" timeout "$([[ "${line}" == *" -w" ]] && echo 15 || echo 30)" \
    bash -c "${line}" >"${out}/swarm.out" 2>&1 || rc=$?
  case "${line}" in
    *' -w') { ((rc == 124)) && grep -q '^Phase: *Succeeded' "${out}/swarm.out"; } ;;
    *' promote '*) ((rc == 0)) && grep -q '^swarmrelease trading-swarm: promote requested' "${out}/swarm.out" ;;
    *) ((rc == 0)) ;;
  esac || fail "'${line}' failed (exit ${rc}): $(head -c 800 "${out}/swarm.out")"
  say "ok: ${line}"
done <<<"${swarm_lines}"
check_no_strays "after the kubectl swarm commands"

# ---- the README's tour output ---------------------------------------------------------------------
# README.md shows the screen at the gate, the last screen and the Deployments as "real output from
# that run", each in the fenced block after its marker (<!-- tour:gate -->, <!-- tour:end -->,
# <!-- tour:deploy -->). They are compared without ages, times and durations, which differ on every
# run; SWARM_TOUR_UPDATE=1 writes this run's output into README.md.
readme_block() { # MARKER: the fenced block after the line <!-- tour:MARKER -->, without a "$ command" line
  awk -v start="<!-- tour:$1 -->" '$0 == start { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside && !/^\$ / { print }' README.md
}
shape() { # without the parts that differ on every run: times, ages and durations, runs of spaces
  sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g; s/\b[0-9]+(\.[0-9]+)?(ms|s|m|h|d)([0-9]+(s|m))?\b/<t>/g; s/ +/ /g; s/ $//'
}
if [[ "${SWARM_TOUR_UPDATE:-}" == 1 ]]; then
  python3 - "${out}/gate.txt" "${out}/end.txt" "${out}/deploy.txt" <<'PY'
import re, sys
gate, end, deploy = (open(p).read().rstrip("\n") for p in sys.argv[1:4])
readme = open("README.md").read()
for marker, text in (("gate", gate), ("end", end), ("deploy", deploy)):
    readme, n = re.subn(r"(<!-- tour:%s -->\n```\n(?:\$ [^\n]*\n)?).*?(\n```)" % marker,
                        lambda m: m.group(1) + text + m.group(2), readme, count=1, flags=re.S)
    assert n == 1, "README.md has no <!-- tour:%s --> block" % marker
open("README.md", "w").write(readme)
PY
  say "README.md's tour output was replaced by this run's (SWARM_TOUR_UPDATE=1)"
else
  for marker in gate end deploy; do
    if ! diff <(readme_block "${marker}" | shape) <(shape <"${out}/${marker}.txt") >"${out}/readme-${marker}.diff"; then
      say "note: this run's ${marker} output differs from README.md's tour (times, ages and durations ignored; not a failure, timing can differ):"
      sed 's/^/    /' "${out}/readme-${marker}.diff" >&2
      say "to put this run's output into README.md: SWARM_TOUR_UPDATE=1 make run-test"
    fi
  done
fi
say "passed: make run ${first}s to Succeeded on a fresh cluster; the tour's canary run ${tour}s (gate after ${gate_at}s); total $((SECONDS - start + first))s"
