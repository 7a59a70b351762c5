package io.tradingswarm.operator.planner;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingState;

/**
 * A blue-green handover of trading, as a sequence: the slot that trades stops first; once the gate
 * in the cluster shows it stopped, a drain ({@link Drain}) lets its bots read the change and finish;
 * only then does the other slot start. Every bot moves in lockstep. The slot that stopped may start
 * again at once (a switch back before the other slot ever traded).
 */
public final class Handover {

    private Handover() {
    }

    static Map<String, TradingState> sequence(Tick t, Map<String, TradingState> desired) {
        Map<String, TradingState> live = t.observed.gate().states();
        Map<String, TradingState> gate = new TreeMap<>(desired);
        if (!noteLeaving(t.status, t.observed.gate(), desired)) {
            Drain.shown(t);
        }
        boolean waiting = false;
        for (Map.Entry<String, TradingState> e : desired.entrySet()) {
            boolean entering = e.getValue() == TradingState.ACTIVE && live.get(e.getKey()) != TradingState.ACTIVE;
            if (entering && !Drain.mayStart(t, slotOf(e.getKey()))) {
                gate.put(e.getKey(), TradingState.SHADOW);
                waiting = true;
            }
        }
        Drain.settle(t, waiting);
        return gate;
    }

    /**
     * Slots the cluster's gate shows trading and {@code next} stops start a drain (also a halt under
     * an invalid spec, which writes the gate without planning).
     *
     * @return whether any slot stops
     */
    public static boolean noteLeaving(SwarmReleaseStatus status, GateView live, Map<String, TradingState> next) {
        Set<String> stopping = new TreeSet<>();
        next.forEach((key, state) -> {
            if (live.states().get(key) == TradingState.ACTIVE && state != TradingState.ACTIVE) {
                stopping.add(key);
            }
        });
        if (!stopping.isEmpty()) {
            Drain.stopped(status, stopping, live);
        }
        return !stopping.isEmpty();
    }

    /** The slot of a gate key {@code <bot>-<slot>}. */
    static Slot slotOf(String key) {
        return Slot.valueOf(key.substring(key.lastIndexOf('-') + 1));
    }
}
