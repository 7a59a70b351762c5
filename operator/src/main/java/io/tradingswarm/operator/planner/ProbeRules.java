package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.ProbeStatus;
import io.tradingswarm.operator.probe.Measurement.Verdict;

/**
 * The probe rules: fold landed measurements into status counts, judge the probes that gate the
 * run now, and ask for the measurements that are due. Never promote on missing data: a probe
 * counts as passing only after a success, and no data pauses the run (onNoData: Inconclusive).
 */
final class ProbeRules {
    static final String RUNNING = "Running";
    static final String PASSED = "Passed";
    static final String FAILED = "Failed";
    static final String INCONCLUSIVE = "Inconclusive";

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    enum Judgement { Failed, Inconclusive, Passing }

    private ProbeRules() {
    }

    /** The probes that gate the run right now: background probes, and the current analysis step's. */
    static Set<String> active(Tick t) {
        Set<String> names = new LinkedHashSet<>();
        if (!t.hasStable() || !t.status.phase.inFlight() || t.status.phase == Phase.RollingBack) {
            return names;
        }
        if (t.spec().backgroundProbes != null) {
            names.addAll(t.spec().backgroundProbes);
        }
        AnalysisStep analysis = currentAnalysis(t);
        if (analysis != null) {
            names.addAll(analysis.probes);
        }
        return names;
    }

    /** The analysis running now: a canary analysis step, or a blue-green pre/post-promotion window. */
    static AnalysisStep currentAnalysis(Tick t) {
        if (t.blueGreen() != null) {
            Integer i = t.status.currentStep;
            return i == null ? null : i == BlueGreenHandler.PRE_ANALYSIS ? t.blueGreen().prePromotionAnalysis
                    : i == BlueGreenHandler.SWITCHED ? t.blueGreen().postPromotionAnalysis : null;
        }
        CanaryStep step = currentStep(t);
        return step == null ? null : step.analysis;
    }

    static CanaryStep currentStep(Tick t) {
        Integer i = t.status.currentStep;
        return i == null || i >= t.steps().size() ? null : t.steps().get(i);
    }

    /** Applies the measurements of this run's active probes, oldest first. */
    static void fold(Tick t) {
        Set<String> active = active(t);
        t.observed.measurements().stream()
                .filter(r -> r.run().equals(RunId.of(t.status)) && active.contains(r.probe()))
                .sorted(Comparator.comparing(ProbeResult::at))
                .forEach(r -> apply(t, r));
    }

    private static void apply(Tick t, ProbeResult r) {
        ProbeSpec spec = spec(t, r.probe());
        ProbeStatus s = statusOf(t, r.probe());
        Verdict verdict = counted(spec, r.measurement().verdict());
        s.lastMeasuredAt = r.at().toString();
        s.lastVerdict = verdict.name();
        s.lastValue = r.measurement().value();
        s.message = r.measurement().message();
        s.consecutiveErrors = verdict == Verdict.Error ? s.consecutiveErrors + 1 : 0;
        switch (verdict) {
            case Pass -> s.successes++;
            case Fail -> s.failures++;
            case Error -> s.errors++;
            case NoData -> {
            }
        }
        if (s.failures > limit(spec.failureLimit, 0) || s.consecutiveErrors > limit(spec.consecutiveErrorLimit, 4)) {
            s.phase = FAILED;
        } else {
            s.phase = verdict == Verdict.NoData ? INCONCLUSIVE : RUNNING;
        }
    }

    /** The verdict a measurement counts as: no data as the probe's onNoData says. */
    static Verdict counted(ProbeSpec spec, Verdict measured) {
        if (measured != Verdict.NoData) {
            return measured;
        }
        return switch (onNoData(spec)) {
            case "Pass" -> Verdict.Pass;
            case "Fail" -> Verdict.Fail;
            default -> Verdict.NoData;
        };
    }

    /** Fails the run on a failed probe or drain probe (rollback first), or says which probes have no data. */
    static Judgement judge(Tick t, Set<String> names) {
        if (Drain.failsRun(t)) {
            return Judgement.Failed;
        }
        List<String> inconclusive = new ArrayList<>();
        for (String name : names) {
            ProbeSpec spec = spec(t, name);
            ProbeStatus s = find(t, name);
            if (s == null || isDryRun(spec)) {
                continue;
            }
            if (FAILED.equals(s.phase)) {
                boolean errors = s.consecutiveErrors > limit(spec.consecutiveErrorLimit, 4);
                t.fail(errors ? "ProbeErrors" : "ProbeFailed", "probe " + name + (errors ? " could not measure "
                        + s.consecutiveErrors + " times in a row: " : " failed: ") + s.message, name,
                        Instant.parse(s.lastMeasuredAt));
                return Judgement.Failed;
            }
            if (INCONCLUSIVE.equals(s.phase)) {
                inconclusive.add(name);
            }
        }
        if (!inconclusive.isEmpty()) {
            t.status.message = "waiting: probe " + String.join(", ", inconclusive)
                    + " returned no data; the run never moves forward on silence";
            return Judgement.Inconclusive;
        }
        return Judgement.Passing;
    }

    /**
     * An analysis window is over when its time is up and every deciding probe of it has passed (see
     * {@link #unpassed}); the probes are then marked Passed.
     */
    static boolean windowPassed(Tick t, List<String> names, Instant end) {
        if (t.now.isBefore(end) || !forwardAllowed(t, names)) {
            return false;
        }
        names.forEach(n -> statusOf(t, n).phase = PASSED);
        return true;
    }

    /**
     * Whether the run may move forward (next step, switch, promotion): every background probe and every
     * one of {@code names} has passed. Otherwise the message names the probe and why.
     */
    static boolean forwardAllowed(Tick t, Collection<String> names) {
        if (!t.hasStable()) {
            return true;
        }
        Set<String> deciding = new LinkedHashSet<>(names);
        if (t.spec().backgroundProbes != null) {
            deciding.addAll(t.spec().backgroundProbes);
        }
        for (String name : deciding) {
            String why = unpassed(t, name);
            if (why != null) {
                t.status.message = "waiting: probe " + name + " " + why + "; the run never moves forward without a pass";
                return false;
            }
        }
        return true;
    }

    /**
     * Why a deciding probe does not count as passed, or null: it needs a pass counted in its window, a
     * latest verdict that is a pass, and a latest measurement no older than two intervals and a timeout.
     */
    private static String unpassed(Tick t, String name) {
        ProbeSpec spec = spec(t, name);
        ProbeStatus s = find(t, name);
        if (isDryRun(spec)) {
            return null;
        }
        if (s == null || s.lastMeasuredAt == null) {
            return "has no measurement yet";
        }
        if (s.successes == 0 || !Verdict.Pass.name().equals(s.lastVerdict)) {
            return "has not passed yet (last: " + s.lastVerdict + (s.message == null ? "" : ", " + s.message) + ")";
        }
        Duration interval = Durations.parse(spec.interval, DEFAULT_INTERVAL);
        Instant staleAfter = Instant.parse(s.lastMeasuredAt).plus(interval.multipliedBy(2))
                .plus(Durations.parse(spec.timeout, DEFAULT_TIMEOUT));
        return t.now.isAfter(staleAfter) ? "has not measured since " + s.lastMeasuredAt : null;
    }

    /** Starts a fresh window: an analysis step judges only its own measurements. */
    static void resetWindow(Tick t, List<String> names) {
        t.status.probes.removeIf(p -> names.contains(p.name));
    }

    /** Requests the measurements that are due and wakes up for the next ones. */
    static void schedule(Tick t) {
        for (String name : active(t)) {
            ProbeStatus s = find(t, name);
            measureWhenDue(t, name, s == null ? null : s.lastMeasuredAt);
        }
    }

    /** Asks for a measurement of {@code name} when its interval since {@code lastMeasuredAt} is up, else wakes then. */
    static void measureWhenDue(Tick t, String name, String lastMeasuredAt) {
        Instant due = lastMeasuredAt == null ? t.now
                : Instant.parse(lastMeasuredAt).plus(Durations.parse(spec(t, name).interval, DEFAULT_INTERVAL));
        if (due.isAfter(t.now)) {
            t.wakeAt(due);
        } else {
            t.requestMeasurement(name);
        }
    }

    static ProbeSpec spec(Tick t, String name) {
        return t.spec().probes.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("validated spec names unknown probe " + name));
    }

    private static ProbeStatus find(Tick t, String name) {
        return t.status.probes.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    private static ProbeStatus statusOf(Tick t, String name) {
        ProbeStatus s = find(t, name);
        if (s == null) {
            s = new ProbeStatus();
            s.name = name;
            s.phase = RUNNING;
            s.dryRun = isDryRun(spec(t, name)) ? true : null;
            t.status.probes.add(s);
        }
        return s;
    }

    private static boolean isDryRun(ProbeSpec spec) {
        return Boolean.TRUE.equals(spec.dryRun);
    }

    private static String onNoData(ProbeSpec spec) {
        return spec.onNoData == null ? "Inconclusive" : spec.onNoData;
    }

    private static int limit(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
