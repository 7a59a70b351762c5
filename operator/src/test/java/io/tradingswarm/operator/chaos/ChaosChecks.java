package io.tradingswarm.operator.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.tradingswarm.operator.api.HistoryEntry;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.chaos.AuditTrail.Request;
import io.tradingswarm.operator.dependent.Labels;

/**
 * The invariants of make chaos, judged after the fact from the audit log (what the operator saved
 * and wrote, in order), the probe's requests and the releases' final status. Each check counts what
 * it looked at and lists what broke it.
 */
final class ChaosChecks {
    static final String HOOK_LABEL = "tradingswarm.io/hook";

    /** One invariant: how many things it judged, and the violations. */
    record Check(String invariant, String judged, List<String> violations) {
    }

    /** A save of one release's status. */
    record Save(Instant at, SwarmReleaseStatus status) {
    }

    /** One run of a release: its saves in order. */
    record Run(String namespace, String revision, String startedAt, List<Save> saves) {
        String key() {
            return namespace + " " + revision + "@" + startedAt;
        }

        SwarmReleaseStatus first() {
            return saves.get(0).status();
        }

        boolean blueGreen() {
            return "blueGreen".equals(first().strategy);
        }

        /** It started from a stable version (a first release has no steps to walk). */
        boolean fromStable() {
            return first().stableRevision != null && !first().stableRevision.equals(revision);
        }

        boolean reached(Phase phase) {
            return saves.stream().anyMatch(s -> s.status().phase == phase);
        }

        Save firstWhere(java.util.function.Predicate<SwarmReleaseStatus> p) {
            return saves.stream().filter(s -> p.test(s.status())).findFirst().orElse(null);
        }
    }

    private final AuditTrail trail;
    private final List<VersionProbe.Request> probeRequests;
    private final List<SwarmRelease> finalReleases;
    /** Per namespace (one release each), its runs in order. */
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();
    /** Per namespace, every save in order, to find the run a later request belongs to. */
    private final Map<String, List<Save>> saves = new HashMap<>();

    ChaosChecks(AuditTrail trail, List<VersionProbe.Request> probeRequests, List<SwarmRelease> finalReleases) {
        this.trail = trail;
        this.probeRequests = probeRequests;
        this.finalReleases = finalReleases;
        for (Request r : trail.requests) {
            // A save the API server answered 504 (the operator was SIGKILLed before the answer) may or may
            // not be stored: it is not taken as either, and what the operator saves next tells.
            if (r.isStatusSave() && r.namespace().startsWith("chaos-")) {
                Save save = new Save(r.at(), r.savedStatus());
                saves.computeIfAbsent(r.namespace(), n -> new ArrayList<>()).add(save);
                if (save.status().revision == null) {
                    continue;
                }
                List<Run> of = runs.computeIfAbsent(r.namespace(), n -> new ArrayList<>());
                Run last = of.isEmpty() ? null : of.get(of.size() - 1);
                if (last == null || !last.revision().equals(save.status().revision)
                        || !Objects.equals(last.startedAt(), save.status().runStartedAt)) {
                    last = new Run(r.namespace(), save.status().revision, save.status().runStartedAt, new ArrayList<>());
                    of.add(last);
                }
                last.saves().add(save);
            }
        }
    }

    List<Run> allRuns() {
        return runs.values().stream().flatMap(List::stream).toList();
    }

    List<Check> all() {
        return List.of(stepsInOrderOnce(), hookJobsOnce(), everyRunEnded(), rollbackSecondsKept(), noServiceOnAFailedSlot());
    }

    /**
     * While a run moves forward its step and weight never go back (a step run twice); a run that
     * succeeded from a stable version saved every weight of its plan, its analysis measured the
     * version at the first weight before the second, and its pause held (none skipped). Blue-green:
     * the step never goes back, and a successful switch came after a measurement of the version.
     */
    Check stepsInOrderOnce() {
        List<String> violations = new ArrayList<>();
        int judged = 0;
        for (Run run : allRuns()) {
            if (!run.fromStable()) {
                continue;
            }
            judged++;
            Integer step = null;
            Integer weight = null;
            for (Save s : run.saves()) {
                Phase phase = s.status().phase;
                if (phase == Phase.RollingBack || phase == Phase.RolledBack || phase == Phase.Degraded) {
                    break;
                }
                if (step != null && s.status().currentStep != null && s.status().currentStep < step) {
                    violations.add(run.key() + ": step went back from " + (step + 1) + " to " + (s.status().currentStep + 1) + " at " + s.at());
                }
                if (!run.blueGreen() && weight != null && s.status().weight != null && s.status().weight < weight) {
                    violations.add(run.key() + ": weight went back from " + weight + "% to " + s.status().weight + "% at " + s.at());
                }
                step = s.status().currentStep != null ? s.status().currentStep : step;
                weight = s.status().weight != null ? s.status().weight : weight;
            }
            if (run.reached(Phase.Succeeded)) {
                violations.addAll(run.blueGreen() ? switchedAfterAnalysis(run) : walkedEveryStep(run));
            }
        }
        return new Check("no step ran twice, none skipped", judged + " runs from a stable version", violations);
    }

    private List<String> walkedEveryStep(Run run) {
        List<String> violations = new ArrayList<>();
        Map<Integer, Save> firstAt = new HashMap<>();
        for (int w : Swarm.CANARY_WEIGHTS) {
            Save s = run.firstWhere(st -> st.weight != null && st.weight >= w);
            if (s == null || !Objects.equals(s.status().weight, w) && w != 100) {
                violations.add(run.key() + ": succeeded without saving weight " + w + "%");
            }
            firstAt.put(w, s);
        }
        Save at25 = firstAt.get(Swarm.CANARY_WEIGHTS.get(0));
        Save at50 = firstAt.get(Swarm.CANARY_WEIGHTS.get(1));
        Save at100 = firstAt.get(Swarm.CANARY_WEIGHTS.get(2));
        if (at25 != null && at50 != null && !measuredBetween(run.first().version, at25.at(), at50.at())) {
            violations.add(run.key() + ": went from 25% to 50% with no measurement of " + run.first().version + " in between");
        }
        violations.addAll(pauseHeld(run, at50, at100));
        return violations;
    }

    /**
     * The pause began when the operator stamped it ({@code stepStartedAt} of its Paused save: not before
     * the run was at 50%), and the save that moved on to 100% completed no sooner than the pause's end.
     */
    private static List<String> pauseHeld(Run run, Save at50, Save at100) {
        Save paused = run.firstWhere(st -> st.phase == Phase.Paused && st.stepStartedAt != null);
        if (at100 == null) {
            return List.of();
        }
        if (paused == null) {
            return List.of(run.key() + ": succeeded without saving its pause");
        }
        Instant began = Instant.parse(paused.status().stepStartedAt);
        Duration pause = Duration.parse("PT" + Swarm.CANARY_PAUSE.toUpperCase(java.util.Locale.ROOT));
        if (at50 != null && began.isBefore(at50.at()) && at50 != paused) {
            return List.of(run.key() + ": the pause was stamped " + began + ", before the run saved 50% at " + at50.at());
        }
        if (at100.at().isBefore(began.plus(pause))) {
            return List.of(run.key() + ": went to 100% at " + at100.at() + ", inside the " + Swarm.CANARY_PAUSE + " pause from " + began);
        }
        return List.of();
    }

    private List<String> switchedAfterAnalysis(Run run) {
        Save switched = run.firstWhere(st -> Objects.equals(st.currentStep, Moment.SWITCHED));
        if (switched == null) {
            return List.of(run.key() + ": succeeded without saving the switch");
        }
        Instant started = Instant.parse(run.startedAt());
        return measuredBetween(run.first().version, started, switched.at()) ? List.of()
                : List.of(run.key() + ": switched with no measurement of " + run.first().version + " before");
    }

    private boolean measuredBetween(String version, Instant from, Instant to) {
        return probeRequests.stream().anyMatch(p -> p.version().equals(version) && !p.at().isBefore(from) && p.at().isBefore(to));
    }

    /** Every hook Job was created once (by name), and one per run, stage and hook. */
    Check hookJobsOnce() {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> createdByName = new HashMap<>();
        Map<String, Set<String>> namesPerRunAndHook = new HashMap<>();
        for (Request r : trail.requests) {
            if (!r.isJobCreated() || r.label(HOOK_LABEL) == null) {
                continue;
            }
            String job = r.namespace() + "/" + r.name();
            createdByName.merge(job, 1, Integer::sum);
            Save run = lastSaveBefore(r.namespace(), r.at());
            String runKey = run == null ? "no run" : run.status().revision + "@" + run.status().runStartedAt;
            namesPerRunAndHook.computeIfAbsent(r.namespace() + " " + runKey + " " + r.label(HOOK_LABEL), k -> new TreeSet<>())
                    .add(r.name());
        }
        createdByName.forEach((job, n) -> {
            if (n > 1) {
                violations.add("Job " + job + " created " + n + " times");
            }
        });
        namesPerRunAndHook.forEach((key, names) -> {
            if (names.size() > 1) {
                violations.add(key + ": " + names.size() + " Jobs " + names);
            }
        });
        return new Check("no hook Job created twice", createdByName.size() + " hook Jobs", violations);
    }

    private Save lastSaveBefore(String namespace, Instant at) {
        Save last = null;
        for (Save s : saves.getOrDefault(namespace, List.of())) {
            if (s.at().isAfter(at)) {
                break;
            }
            last = s;
        }
        return last;
    }

    /** Every run saved an end (or is in a later history), and every release ended its last run. */
    Check everyRunEnded() {
        List<String> violations = new ArrayList<>();
        List<Run> all = allRuns();
        for (Run run : all) {
            boolean ended = run.saves().stream().anyMatch(s -> s.status().phase != null && !s.status().phase.inFlight())
                    || laterHistoryHas(run);
            if (!ended) {
                violations.add(run.key() + ": never ended (last saved " + run.saves().get(run.saves().size() - 1).status().phase + ")");
            }
        }
        for (SwarmRelease r : finalReleases) {
            if (!Swarm.ended(r)) {
                violations.add(r.getMetadata().getNamespace() + ": still " + (r.getStatus() == null ? "without status" : r.getStatus().phase)
                        + " at the end");
            }
        }
        return new Check("every run ended", all.size() + " runs", violations);
    }

    private boolean laterHistoryHas(Run run) {
        return saves.getOrDefault(run.namespace(), List.of()).stream().flatMap(s -> s.status().history.stream())
                .anyMatch((HistoryEntry h) -> run.revision().equals(h.revision) && Objects.equals(run.startedAt(), h.startedAt));
    }

    /** A rollback's start never moves, its seconds are never negative, and once saved never change or go. */
    Check rollbackSecondsKept() {
        List<String> violations = new ArrayList<>();
        Set<String> rollbacks = new HashSet<>();
        for (Map.Entry<String, List<Save>> release : saves.entrySet()) {
            Map<String, Double> secondsByStart = new HashMap<>();
            Map<String, String> startByRun = new HashMap<>();
            for (Save s : release.getValue()) {
                var rb = s.status().rollback;
                if (rb == null || rb.startedAt == null) {
                    continue;
                }
                String key = release.getKey() + " rollback started " + rb.startedAt;
                rollbacks.add(key);
                if (rb.seconds != null && rb.seconds < 0) {
                    violations.add(key + ": seconds " + rb.seconds + " at " + s.at());
                }
                Double kept = secondsByStart.get(rb.startedAt);
                if (kept != null && !kept.equals(rb.seconds)) {
                    violations.add(key + ": seconds went from " + kept + " to " + rb.seconds + " at " + s.at());
                }
                if (rb.seconds != null) {
                    secondsByStart.putIfAbsent(rb.startedAt, rb.seconds);
                }
                String run = s.status().revision + "@" + s.status().runStartedAt;
                boolean ofThisRun = s.status().runStartedAt != null && !Instant.parse(rb.startedAt).isBefore(Instant.parse(s.status().runStartedAt));
                String earlier = ofThisRun ? startByRun.putIfAbsent(run, rb.startedAt) : null;
                if (earlier != null && !earlier.equals(rb.startedAt)) {
                    violations.add(release.getKey() + " run " + run + ": its rollback started again, at " + earlier + " then " + rb.startedAt);
                }
            }
        }
        return new Check("rollback.seconds never negative or reset", rollbacks.size() + " rollbacks", violations);
    }

    /** Once a run is decided failed, no write points the bot's Service at its slot, and it ends on the stable one. */
    Check noServiceOnAFailedSlot() {
        List<String> violations = new ArrayList<>();
        int judged = 0;
        for (List<Run> of : runs.values()) {
            for (int i = 0; i < of.size(); i++) {
                Run run = of.get(i);
                Save decided = run.firstWhere(st -> st.phase == Phase.RollingBack);
                if (decided == null || decided.status().stableSlot == null) {
                    continue;
                }
                judged++;
                String stable = decided.status().stableSlot;
                Instant until = i + 1 < of.size() ? of.get(i + 1).saves().get(0).at() : Instant.MAX;
                for (Request w : trail.requests) {
                    if (w.isServiceWrite() && run.namespace().equals(w.namespace()) && Swarm.BOT.equals(w.name())
                            && w.at().isAfter(decided.at()) && w.at().isBefore(until)
                            && !stable.equals(w.selector().get(Labels.SLOT))) {
                        violations.add(run.key() + ": Service " + w.name() + " written with selector " + w.selector() + " at " + w.at()
                                + ", after the rollback decision at " + decided.at() + " (stable slot " + stable + ")");
                    }
                }
            }
        }
        return new Check("no Service selected a failed slot after the rollback decision", judged + " rollbacks", violations);
    }
}
