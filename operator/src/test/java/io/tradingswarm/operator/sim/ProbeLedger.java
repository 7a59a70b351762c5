package io.tradingswarm.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.api.AnalysisStep;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.probe.Measurement.Verdict;

/**
 * I1, kept independently of the planner: every measurement a saved status counted, by run and by
 * the step that was current when it was counted, and the steps a human skipped. When the stable
 * revision changes, each deciding probe must have passed in its window.
 */
final class ProbeLedger {
    private record Counted(String probe, Verdict verdict, Integer step, Instant at) {
    }

    /** Blue-green steps, by status.currentStep: the pre-promotion window and the monitor window. */
    private static final int PRE_ANALYSIS = 1;
    private static final int MONITORING = 3;

    private String run;
    private final List<Counted> counted = new ArrayList<>();
    private final Set<Integer> skipped = new HashSet<>();
    private int skippedFrom = Integer.MAX_VALUE;

    void observe(TickFacts f) {
        if (!f.specValid()) {
            return;
        }
        String runNow = f.after().revision + "@" + f.after().runStartedAt;
        if (!runNow.equals(run)) {
            run = runNow;
            counted.clear();
            skipped.clear();
            skippedFrom = Integer.MAX_VALUE;
        }
        if (f.sameRun()) {
            f.landed().stream().filter(r -> r.run().equals(RunId.of(f.after())))
                    .sorted(Comparator.comparing(r -> r.at()))
                    .forEach(r -> counted.add(new Counted(r.probe(), verdict(f.spec(), r.probe(), r.measurement().verdict()),
                            f.before().currentStep, r.at())));
        }
        // An action is handled after a new run (if any) started: then it acts on that run's first step.
        int actedAt = f.sameRun() ? f.before().currentStep : 0;
        String action = f.appliedAction();
        if ("promote".equals(action)) {
            skipped.add(actedAt);
        } else if ("promote-full".equals(action)) {
            skippedFrom = Math.min(skippedFrom, actedAt);
        }
        boolean promoted = f.before() != null && f.before().stableRevision != null
                && !Objects.equals(f.before().stableRevision, f.after().stableRevision);
        if (promoted) {
            checkWindows(f);
        }
    }

    private void checkWindows(TickFacts f) {
        SwarmReleaseSpec spec = f.spec();
        if (spec.backgroundProbes != null) {
            for (String probe : spec.backgroundProbes) {
                requirePass(f, probe, null, "background");
            }
        }
        if (spec.strategy.blueGreen != null) {
            analysis(f, spec.strategy.blueGreen.prePromotionAnalysis, PRE_ANALYSIS, "pre-promotion analysis");
            analysis(f, spec.strategy.blueGreen.postPromotionAnalysis, MONITORING, "post-promotion analysis");
        } else {
            List<CanaryStep> steps = spec.strategy.canary.steps;
            for (int i = 0; i < steps.size(); i++) {
                analysis(f, steps.get(i).analysis, i, "analysis step " + (i + 1));
            }
        }
    }

    private void analysis(TickFacts f, AnalysisStep analysis, int step, String what) {
        if (analysis == null || skipped.contains(step) || step >= skippedFrom) {
            return;
        }
        analysis.probes.forEach(p -> requirePass(f, p, step, what));
    }

    /** Passed: at least one Pass counted in the window, and the latest counted verdict is Pass. */
    private void requirePass(TickFacts f, String probe, Integer step, String what) {
        if (isDryRun(f.spec(), probe)) {
            return;
        }
        List<Verdict> window = counted.stream().filter(c -> c.probe.equals(probe) && (step == null || step.equals(c.step)))
                .map(Counted::verdict).toList();
        boolean passed = window.contains(Verdict.Pass) && window.get(window.size() - 1) == Verdict.Pass;
        if (!passed) {
            throw new Violation("I1", "version " + f.after().stableVersion + " became stable but " + what + " probe " + probe
                    + " did not pass its window (counted verdicts: " + window + ")");
        }
    }

    private static Verdict verdict(SwarmReleaseSpec spec, String probe, Verdict raw) {
        if (raw != Verdict.NoData) {
            return raw;
        }
        String onNoData = probeSpec(spec, probe).map(p -> p.onNoData).orElse(null);
        return "Pass".equals(onNoData) ? Verdict.Pass : "Fail".equals(onNoData) ? Verdict.Fail : Verdict.NoData;
    }

    private static boolean isDryRun(SwarmReleaseSpec spec, String probe) {
        return probeSpec(spec, probe).map(p -> Boolean.TRUE.equals(p.dryRun)).orElse(false);
    }

    private static java.util.Optional<ProbeSpec> probeSpec(SwarmReleaseSpec spec, String probe) {
        return spec.probes == null ? java.util.Optional.empty() : spec.probes.stream().filter(p -> p.name.equals(probe)).findFirst();
    }
}
