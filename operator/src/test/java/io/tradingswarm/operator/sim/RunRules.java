package io.tradingswarm.operator.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.reconciler.Decision;

/** The rules about the run's life: generations, invalid specs, holds, liveness, once-only actions and hooks, status size. */
final class RunRules {
    static final int MAX_STATUS_BYTES = 64 * 1024;

    private final Map<String, String> handledActions = new HashMap<>();
    private final Set<String> hooksCreated = new HashSet<>();

    /** status.observedGeneration follows every valid spec; an invalid one shows InvalidSpec and changes nothing. */
    void generationAndValidity(TickFacts f) {
        SwarmReleaseStatus s = f.after();
        Decision d = f.decision();
        if (f.specValid()) {
            if (!Objects.equals(s.observedGeneration, f.generation())) {
                throw new Violation("X-generation", "status.observedGeneration " + s.observedGeneration + " after deciding on generation "
                        + f.generation());
            }
            return;
        }
        boolean readyFalse = s.conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")
                && c.getReason().equals("InvalidSpec"));
        if (s.phase != Phase.InvalidSpec || !readyFalse) {
            throw new Violation("X-invalid", "an invalid spec gave phase " + s.phase + " without Ready=False reason InvalidSpec");
        }
        // The one exception: a halt still reaches the trading gate (and nothing else).
        List<Write> writes = d.writes().stream().filter(w -> !(s.halt != null && (w instanceof Write.Apply a
                && a.object() instanceof io.fabric8.kubernetes.api.model.ConfigMap || w instanceof Write.Label))).toList();
        if (!writes.isEmpty() || !d.hookJobs().isEmpty() || !d.probesDue().isEmpty()) {
            throw new Violation("X-invalid", "an invalid spec still wrote " + writes.size() + " objects, " + d.hookJobs().size()
                    + " hook Jobs, probes " + d.probesDue());
        }
    }

    /**
     * spec.paused and a closed release window (outside allow, or inside a freeze) hold forward progress: no
     * weight increase, no promotion (rollback may).
     */
    void holdsMeanNoProgress(TickFacts f) {
        SwarmReleaseStatus b = f.before();
        SwarmReleaseStatus s = f.after();
        if (!f.specValid() || !f.sameRun() || b.stableRevision == null || s.phase == Phase.RollingBack) {
            return;
        }
        boolean paused = Boolean.TRUE.equals(f.spec().paused);
        boolean closed = !ReleaseWindowClock.open(f.spec().window, f.now());
        boolean halted = b.halt != null && s.halt != null;
        if (!paused && !closed && !halted) {
            return;
        }
        String hold = paused ? "spec.paused" : halted ? "an emergency halt" : "a closed release window (outside allow or inside deny)";
        int before = b.weight == null ? 0 : b.weight;
        int after = s.weight == null ? 0 : s.weight;
        if (after > before || (paused || halted) && !Objects.equals(b.stableRevision, s.stableRevision)) {
            throw new Violation("X-hold", "under " + hold + " the run moved forward: weight " + before + " -> " + after + ", phase "
                    + b.phase + " -> " + s.phase + ", stable " + b.stableVersion + " -> " + s.stableVersion);
        }
    }

    /** A rollback completes before a newer version starts its run. */
    void rollbackFinishesFirst(TickFacts f) {
        SwarmReleaseStatus b = f.before();
        SwarmReleaseStatus s = f.after();
        if (f.specValid() && b != null && b.phase == Phase.RollingBack && !Objects.equals(b.revision, s.revision)
                && !Objects.equals(s.revision, s.stableRevision)) {
            throw new Violation("X-rollback-first", "version " + s.version + " started (phase " + s.phase
                    + ") while the rollback of " + b.version + " had not completed");
        }
    }

    /**
     * I5a: a run in flight says what it waits for and has something that will wake it: its own
     * wake-up, its writes, or the world (pods, controllers, Jobs, measurements, a stale cache catching up).
     */
    void runWaitsVisibly(TickFacts f, boolean worldWillWakeIt) {
        SwarmReleaseStatus s = f.after();
        if (!f.specValid() || !s.phase.inFlight()) {
            return;
        }
        if (s.message == null || s.message.isBlank()) {
            throw new Violation("I5", "phase " + s.phase + " with no status.message");
        }
        Decision d = f.decision();
        boolean triggered = d.wakeUpAfter().isPresent() || !d.writes().isEmpty() || !d.probesDue().isEmpty()
                || !d.hookJobs().isEmpty() || worldWillWakeIt || f.stale();
        if (!triggered && s.phase != Phase.Paused) {
            throw new Violation("I5", "phase " + s.phase + " stalls silently: no wake-up and nothing pending (" + s.message + ")");
        }
    }

    /** I6: an action's request is handled once, and a hook Job is created once per run, stage and hook. */
    void onceOnly(TickFacts f, HookJob created) {
        if (created != null) {
            String key = f.after().runStartedAt + "/" + created.stage() + "/" + created.hook();
            if (!hooksCreated.add(key)) {
                throw new Violation("I6", "hook " + created.stage() + "/" + created.hook() + " of the run started at "
                        + f.after().runStartedAt + " was created a second time (job " + created.name() + ")");
            }
        }
    }

    void actionsOnce(TickFacts f) {
        var last = f.after().lastAction;
        if (last == null) {
            return;
        }
        String json = Serialization.asJson(last);
        String seen = handledActions.putIfAbsent(last.requestId, json);
        if (seen != null && !seen.equals(json)) {
            throw new Violation("I6", "action request " + last.requestId + " was handled twice: " + seen + " then " + json);
        }
    }

    /** I7: status fits comfortably in an object the API server stores. */
    void statusSmall(TickFacts f) {
        if (f.savedJson().length() >= MAX_STATUS_BYTES) {
            throw new Violation("I7", "status is " + f.savedJson().length() + " bytes, over " + MAX_STATUS_BYTES);
        }
    }
}
