#!/usr/bin/env bash
# `make run`: the local cluster (default) or your current kubectl context (CLUSTER=current), the
# CRD, the example release in its own namespace, and the operator, all from one terminal:
#   - the operator runs in the background, its log in .cache/run/operator.log;
#   - the foreground watches the example release live with kubectl-swarm, the plugin built from cli/
#     (`kubectl-swarm get trading-swarm -n swarm-demo -w`; make run builds it into .cache/cli);
#     in a terminal it redraws in place, with make run's own lines (what Enter does, what it ran)
#     kept below each frame;
#   - Enter bumps the release to the next version, which starts a canary run; when the run waits
#     at a manual gate (a `pause: {}` step), Enter promotes it (`kubectl-swarm promote`) instead;
#   - Ctrl-C stops the operator and the watch, and leaves no process behind. The cluster keeps
#     running (make cluster-down stops it).
# Environment:
#   SWARM_RUN_UNTIL=PHASE  non-interactive: exit 0 once the example release reaches PHASE (for its
#                          current spec) and the watch shows it, 1 if it ends in another final
#                          phase or the operator dies
#   SWARM_RUN_TIMEOUT=SECS how long SWARM_RUN_UNTIL waits (default 300)
#   QUARKUS_HTTP_PORT      the operator's health and metrics port on 127.0.0.1 (default 8080)
set -euo pipefail
cluster="${1:-local}"
namespace="${2:-swarm-demo}"
cd "$(dirname "$0")/.."
say() { printf '[run] %s\n' "$*" >&2; }
die() { stop_watch; say "ERROR: $*"; exit 1; }
stop_watch() { :; } # until the watch starts
until_phase="${SWARM_RUN_UNTIL:-}"
timeout="${SWARM_RUN_TIMEOUT:-300}"
port="${QUARKUS_HTTP_PORT:-8080}"
release=trading-swarm
crd=swarmreleases.tradingswarm.io
jar=operator/target/quarkus-app/quarkus-run.jar
cli=.cache/cli/bin/kubectl-swarm
run_dir="${PWD}/.cache/run"
log="${run_dir}/operator.log"

[[ -f "${jar}" ]] || die "${jar} is missing: run make build (make run does)"
[[ -x "${cli}" ]] || die "${cli} is missing: make run builds it (make ${cli})"
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
watch_pid=""   # kubectl-swarm get -w (the launcher execs java: this is the JVM's pid)
relay_pid=""   # the watch's output to the terminal, with make run's own lines below each frame
watch_started=0
tty=false      # stdout is a terminal: the watch redraws in place, make run's lines go below each frame
[[ -t 1 ]] && tty=true
interactive=false # Enter does something
[[ -z "${until_phase}" && -t 0 ]] && interactive=true
stty_saved=""
fifo="${run_dir}/watch.fifo"
footer="${run_dir}/footer"
seen="${run_dir}/watch.phase" # the phase the watch showed last (written by the relay)
err="${run_dir}/watch.err"

# shellcheck disable=SC2317 # called from traps and die
stop_watch() { # the watch and its relay, then the terminal as it was
  local p alive
  for p in ${watch_pid} ${relay_pid}; do kill -TERM "${p}" 2>/dev/null || true; done
  for _ in $(seq 25); do
    alive=false
    for p in ${watch_pid} ${relay_pid}; do kill -0 "${p}" 2>/dev/null && alive=true; done
    "${alive}" || break
    sleep 0.2
  done
  for p in ${watch_pid} ${relay_pid}; do kill -KILL "${p}" 2>/dev/null || true; done
  # The watch hides the cursor while it redraws and shows it again when it stops, unless it was killed.
  if [[ -n "${watch_pid}" ]] && "${tty}"; then printf '\033[?25h'; fi
  watch_pid=""
  relay_pid=""
  if [[ -n "${stty_saved}" ]]; then stty "${stty_saved}" 2>/dev/null || true; stty_saved=""; fi
  return 0
}
# shellcheck disable=SC2317 # called from traps
stop() {
  local p alive
  trap - EXIT
  trap '' INT TERM HUP USR1 # stopping: a second Ctrl-C (or a handed-on one) must not cut it short
  if [[ -n "${operator_pid}" ]]; then kill -TERM "${operator_pid}" 2>/dev/null || true; fi
  stop_watch
  for _ in $(seq 50); do # the operator shuts down gracefully within a few seconds
    alive=false
    for p in ${operator_pid}; do kill -0 "${p}" 2>/dev/null && alive=true; done
    "${alive}" || break
    sleep 0.2
  done
  for p in ${operator_pid}; do kill -KILL "${p}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "${operator_pid}" ]]; then say "operator stopped (its log: ${log#"${PWD}/"})"; fi
  return 0
}
# Ctrl-C (INT), TERM and HUP are only noted by their trap; the script's loops act on them
# (stop_if_interrupted), from where stopping cannot be cut short: a trap that ran while bash was
# reading a command substitution was seen to unwind in the middle of stop() and leave the operator
# running. A signal can also reach a subshell of this script first (a command substitution, as it
# starts) and run the trap there: the subshell then hands it to the script's shell and exits. Ctrl-C
# is handed on as USR1: bash does not act on a SIGINT that a child it waited for handled and exited
# from (a JVM does that too: see the promote).
interrupted="" interrupted_by=""
# shellcheck disable=SC2317 # called from traps
on_signal() { # SIGNAL EXIT-CODE
  if [[ "${BASHPID}" != "$$" ]]; then
    kill -"${1/#INT/USR1}" "$$" 2>/dev/null || true
    exit "$2"
  fi
  interrupted="$2"
  interrupted_by="$1"
}
stop_if_interrupted() {
  [[ -n "${interrupted}" ]] || return 0
  trap '' INT TERM HUP USR1
  if [[ "${interrupted_by}" == INT || "${interrupted_by}" == USR1 ]]; then echo >&2; fi
  stop
  exit "${interrupted}"
}
trap 'rc=$?; stop; exit "${rc}"' EXIT
trap 'on_signal INT 130' INT
trap 'on_signal USR1 130' USR1 # Ctrl-C, handed on by a subshell
trap 'on_signal TERM 143' TERM
trap 'on_signal HUP 129' HUP

say "starting the operator in the background (log: ${log#"${PWD}/"})"
# Background jobs of a script ignore Ctrl-C; stop() ends them instead, whatever ends this script.
java -jar "${jar}" >"${log}" 2>&1 &
operator_pid=$!
operator_died() { # the operator's exit, its log's end, and exit 1
  local rc=0
  wait "${operator_pid}" || rc=$?
  operator_pid=""
  stop_watch
  tail -n 30 "${log}" >&2
  die "the operator exited with ${rc}$1 (its log, above: ${log#"${PWD}/"})"
}

ready() { # true when /q/health/ready answers UP (bash's /dev/tcp: no curl needed)
  local body
  body="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2>/dev/null)" || return 1
  [[ "${body}" == *'"UP"'* ]]
}
for _ in $(seq 120); do
  stop_if_interrupted
  kill -0 "${operator_pid}" 2>/dev/null || operator_died " while starting"
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
patch_cmd() { # VERSION: the command that bumps the release to VERSION
  printf "kubectl -n %s patch srel %s --type merge -p '{\"spec\":{\"version\":\"%s\"}}'" "${namespace}" "${release}" "$1"
}
promote_cmd="kubectl-swarm promote ${release} -n ${namespace}"
watch_cmd="kubectl-swarm get ${release} -n ${namespace} -w"

# One read of the release: its spec's version, the phase of its current generation (empty while
# the operator has not acted on it) and, when its canary run waits at a manual gate (a `pause: {}`
# step, not spec.paused), that step as N/TOTAL.
spec_version="" phase="" gate=""
observe() {
  local state generation observed current total paused pause
  state="$(field "${namespace}" "srel/${release}" '{.spec.version}|{.metadata.generation}|{.status.observedGeneration}|{.status.phase}|{.status.currentStep}|{.status.totalSteps}|{.spec.paused}')"
  IFS='|' read -r spec_version generation observed phase current total paused _ <<<"${state}||||||||"
  gate=""
  [[ -n "${generation}" && "${generation}" == "${observed}" ]] || { phase=""; return 0; }
  [[ "${phase}" == Paused && "${paused}" != true && "${current}" =~ ^[0-9]+$ ]] || return 0
  pause="$(field "${namespace}" "srel/${release}" "{.spec.strategy.canary.steps[${current}].pause}")"
  if [[ -n "${pause}" && "${pause}" != *duration* ]]; then gate="$((current + 1))/${total}"; fi
  return 0
}
observe
version="${spec_version}"

cat >&2 <<TXT

[run] Watching the release with ${watch_cmd}, the plugin as make run built it
[run] (.cache/cli/bin). Ctrl-C stops the operator and the watch; the cluster keeps running: make cluster-down.
TXT
if "${interactive}"; then
  cat >&2 <<TXT
[run] Press Enter to bump the version and start a canary run. It runs, in this terminal:

    $(patch_cmd "$(next_version "${version}")")

[run] When the run waits at a manual gate (a pause: {} step), Enter promotes it instead. It runs:

    ${promote_cmd}

TXT
else
  cat >&2 <<TXT
[run] To start a canary run, bump the version:

    $(patch_cmd "$(next_version "${version}")")

TXT
fi
cat >&2 <<TXT
[run] kubectl in another terminal:  export KUBECONFIG=${KUBECONFIG:-~/.kube/config} PATH=$(dirname "${kubectl}"):\$PATH
[run] kubectl swarm there too: make install-cli (the plugin into ~/.local/bin, which must be on PATH), then:

    kubectl swarm get ${release} -n ${namespace} -w
    kubectl swarm promote ${release} -n ${namespace}
    kubectl swarm history ${release} -n ${namespace}

[run] watching:

TXT

# make run's own lines: in a terminal they stay below the frame the watch redraws (the relay adds
# them to every frame), elsewhere they are printed as they come. `hint` says what Enter does now.
hint="" news=()
write_footer() {
  "${tty}" || return 0
  { printf '\n'; printf '%s\n' ${news[@]+"${news[@]}"} "${hint}"; } >"${footer}.new"
  mv -f "${footer}.new" "${footer}"
}
tell() { # LINE...: what make run just did
  news=("$@")
  if "${tty}"; then write_footer; else printf '%s\n' "$@" >&2; fi
}
set_hint() { # LINE
  [[ "$1" != "${hint}" ]] || return 0
  hint="$1"
  if "${tty}"; then write_footer; elif "${interactive}"; then printf '%s\n' "${hint}" >&2; fi
}

# The relay: copies the watch's output to stdout and notes the phase it shows (the Phase: line of
# each frame) in ${seen}. In a terminal the watch draws each frame from the top of the screen and
# ends it with "erase below" (ESC [J); the relay puts the footer's lines just before that.
relay() {
  local text seq rc shown="" p lines
  note_phase() { # TEXT after "Phase:"
    p="${1#"${1%%[! ]*}"}"
    p="${p%% *}"
    if [[ "${p}" != "${shown}" ]]; then shown="${p}"; printf '%s\n' "${p}" >"${seen}"; fi
  }
  if "${tty}"; then
    while :; do
      # Text up to the next ESC (or what came within 0.2 s), then the escape sequence's first two bytes.
      rc=0
      IFS= read -r -t 0.2 -d $'\033' text || rc=$?
      if [[ -n "${text}" ]]; then
        printf '%s' "${text}"
        if [[ "${text}" == $'\nPhase:'* ]]; then note_phase "${text#$'\nPhase:'}"; fi
      fi
      ((rc == 0)) || { ((rc > 128)) && continue; return 0; }
      IFS= read -r -N 2 seq || return 0
      if [[ "${seq}" == '[J' ]]; then
        lines=()
        mapfile -t lines <"${footer}" 2>/dev/null || true
        if ((${#lines[@]})); then printf '%s\033[K\n' "${lines[@]}"; fi
      fi
      printf '\033%s' "${seq}"
    done
  else
    while IFS= read -r text; do
      printf '%s\n' "${text}"
      if [[ "${text}" == 'Phase:'* ]]; then note_phase "${text#Phase:}"; fi
    done
  fi
}
# Started as the launcher itself, which execs java (not through a function, whose subshell would
# get the pid), so that stop() signals the JVM.
start_watch() {
  KUBECTL_SWARM_TTY="$("${tty}" && echo 1 || echo 0)" "${cli}" get "${release}" -n "${namespace}" -w >"${fifo}" 2>"${err}" &
  watch_pid=$!
  watch_started=${SECONDS}
}

rm -f "${fifo}" "${seen}" "${footer}"
mkfifo "${fifo}"
if "${interactive}"; then
  set_hint "[run] Enter: bump the version to $(next_version "${version}"). Ctrl-C: stop make run."
elif [[ -n "${until_phase}" ]]; then
  set_hint "[run] SWARM_RUN_UNTIL=${until_phase}: make run stops when the release is ${until_phase}. Ctrl-C: stop make run."
else
  set_hint "[run] No keyboard: bump the version from another terminal. Ctrl-C: stop make run."
fi
if "${tty}"; then
  # The watch redraws from the top of the screen: move what is on it into the scrollback first.
  read -r rows _ < <(stty size 2>/dev/null </dev/tty || true) || true
  known=true
  [[ "${rows:-0}" =~ ^[1-9][0-9]*$ ]] || { rows=24; known=false; }
  printf '%*s' "${rows}" '' | tr ' ' '\n'
  # The example's frame and these lines take about 45 lines: in a shorter terminal each redraw scrolls.
  if "${known}" && ((rows < 45)); then
    tell "[run] This terminal has ${rows} lines; the release and these lines need about 45: make it taller, or each redraw scrolls."
  fi
fi
if "${interactive}"; then
  stty_saved="$(stty -g 2>/dev/null || true)"
  stty -echo 2>/dev/null || true # Enter is a key here, not a new line on the screen
fi
relay <>"${fifo}" &
relay_pid=$!
start_watch

final_phases=" Succeeded RolledBack Degraded InvalidSpec "
deadline=$((SECONDS + timeout))
reached=""
while :; do
  stop_if_interrupted
  kill -0 "${operator_pid}" 2>/dev/null || operator_died ""
  if ! kill -0 "${watch_pid}" 2>/dev/null && ((SECONDS - watch_started >= 5)); then
    # A watch can end (API server timeout, an error): start another, at most every 5 s.
    rc=0
    wait "${watch_pid}" 2>/dev/null || rc=$?
    tell "[run] the watch ended (exit ${rc}$(tail -n 1 "${err}" 2>/dev/null | sed 's/^/: /')); starting it again"
    start_watch
  fi
  if [[ -n "${until_phase}" ]]; then
    observe
    if [[ -n "${phase}" && " ${final_phases} ${until_phase} " == *" ${phase} "* ]]; then
      reached="${reached:-${SECONDS}}"
      if [[ "$(cat "${seen}" 2>/dev/null)" == "${phase}" ]]; then
        sleep 1 # let the watch print the rest of the frame
        if [[ "${phase}" == "${until_phase}" ]]; then
          stop_watch
          say "the release reached ${phase} (SWARM_RUN_UNTIL=${until_phase}): stopping"
          exit 0
        fi
        die "the release ended ${phase}, not ${until_phase}: $(field "${namespace}" "srel/${release}" '{.status.message}')"
      fi
      ((SECONDS - reached < 30)) || die "the release is ${phase}, but the watch did not show it within 30s (its errors: ${err#"${PWD}/"})"
    else
      reached=""
    fi
    ((SECONDS < deadline)) || die "the release did not reach ${until_phase} within ${timeout}s (phase: ${phase:-not yet observed by the operator})"
    sleep 1
  elif "${interactive}"; then
    observe
    if [[ -n "${gate}" ]]; then
      set_hint "[run] The run waits at its manual gate (step ${gate}). Enter: promote it. Ctrl-C: stop make run."
    elif [[ -n "${spec_version}" ]]; then
      set_hint "[run] Enter: bump the version to $(next_version "${spec_version}"). Ctrl-C: stop make run."
    fi
    rc=0
    read -r -t 1 _ || rc=$?
    stop_if_interrupted
    if ((rc == 1)); then # end of input (Ctrl-D): keep watching, stop reading
      interactive=false
      set_hint "[run] Input closed: Enter does nothing now. Ctrl-C: stop make run."
    elif ((rc == 0)); then
      observe
      if [[ -n "${gate}" ]]; then
        tell "[run] promoting ${release} at its manual gate (step ${gate}):" "      ${promote_cmd}"
        rc=0
        out="$("${cli}" promote "${release}" -n "${namespace}" 2>&1)" || rc=$?
        # Ctrl-C meanwhile: the JVM handles SIGINT and exits 130, and bash then lets it pass.
        if ((rc == 130)); then on_signal USR1 130; stop_if_interrupted; fi
        mapfile -t lines <<<"${out}"
        ((rc == 0)) || lines+=("(exit ${rc})")
        tell "[run] promoting ${release} at its manual gate (step ${gate}):" "      ${promote_cmd}" "${lines[@]/#/      }"
      elif [[ -n "${spec_version}" ]]; then
        next="$(next_version "${spec_version}")"
        tell "[run] bumping ${release} from ${spec_version} to ${next}:" "      $(patch_cmd "${next}")"
        if ! out="$(k -n "${namespace}" patch srel "${release}" --type merge -p "{\"spec\":{\"version\":\"${next}\"}}" 2>&1)"; then
          tell "[run] bumping ${release} from ${spec_version} to ${next}:" "      $(patch_cmd "${next}")" "      failed: ${out}"
        fi
      else
        tell "[run] cannot read ${release}: Enter does nothing"
      fi
    fi
  else
    sleep 1
  fi
done
