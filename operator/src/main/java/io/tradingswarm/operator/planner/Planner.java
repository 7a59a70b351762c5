package io.tradingswarm.operator.planner;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.status.StatusAggregator;

/**
 * The decision core: a pure function of the observed state and the clock. It decides the run, the
 * step, replica counts per slot, the Services' selectors, the next status, the events and when to
 * look again. It has no client and never sleeps, so every rule is tested tick by tick.
 */
public final class Planner {
    /** More hops than any chain of phases in one tick (Progressing, Promoting, Succeeded) needs. */
    private static final int MAX_HOPS = 6;

    private final Map<Phase, PhaseHandler> handlers = new EnumMap<>(Phase.class);
    private final PhaseHandler blueGreen = new BlueGreenHandler();

    public Planner() {
        PhaseHandler canary = new CanaryStepsHandler();
        handlers.put(Phase.Progressing, canary);
        handlers.put(Phase.Paused, canary);
        handlers.put(Phase.Promoting, new PromotingHandler());
        handlers.put(Phase.Succeeded, new SteadyHandler());
        handlers.put(Phase.RollingBack, new RollingBackHandler());
        handlers.put(Phase.RolledBack, new RolledBackHandler());
        handlers.put(Phase.Degraded, new DegradedHandler());
    }

    /** A blue-green run in flight has its own handler; the first release and the outcomes are shared. */
    private PhaseHandler handlerFor(Tick tick) {
        Phase phase = tick.status.phase;
        if (phase == Phase.Pending) {
            phase = tick.hasStable() ? Phase.Progressing : Phase.Promoting;
        }
        boolean blueGreenRun = tick.blueGreen() != null && tick.hasStable()
                && (phase == Phase.Progressing || phase == Phase.Paused || phase == Phase.Promoting);
        return blueGreenRun ? blueGreen : handlers.get(phase);
    }

    public Plan plan(Observed observed, Instant now) {
        Tick tick = new Tick(observed, now);
        RunLifecycle.begin(tick);
        ProbeRules.fold(tick);
        Drain.fold(tick);
        ActionRules.apply(tick);
        Phase before;
        int hops = 0;
        do {
            before = tick.status.phase;
            handlerFor(tick).handle(tick);
        } while (tick.status.phase != before && ++hops < MAX_HOPS);
        Plan plan = tick.toPlan();
        StatusAggregator.complete(plan, observed, now);
        return plan;
    }
}
