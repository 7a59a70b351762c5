package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.tradingswarm.operator.api.DrainStatus;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingState;

/**
 * A blue-green handover of trading, as a sequence: the slot that trades stops first; once the gate
 * in the cluster shows it stopped, a drain of spec.trading.drainTimeout lets its bots read the
 * change and finish; only then does the other slot start. Every bot moves in lockstep. The slot
 * that stopped may start again at once (a switch back before the other slot ever traded).
 */
public final class Handover {
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(90);

    private Handover() {
    }

    static Map<String, TradingState> sequence(Tick t, Map<String, TradingState> desired) {
        Map<String, TradingState> live = t.observed.gate();
        Map<String, TradingState> gate = new TreeMap<>(desired);
        noteLeaving(t.status, live, desired);
        DrainStatus drain = t.status.drain;
        if (drain == null) {
            return gate;
        }
        Slot from = Slot.valueOf(drain.from);
        if (drain.startedAt == null && live.entrySet().stream().noneMatch(e -> slotOf(e.getKey()) == from
                && e.getValue() == TradingState.ACTIVE)) {
            drain.startedAt = t.now.toString();
        }
        Instant end = drain.startedAt == null ? null : Instant.parse(drain.startedAt).plus(drainTimeout(t));
        boolean drained = end != null && !t.now.isBefore(end);
        boolean waiting = false;
        for (Map.Entry<String, TradingState> e : desired.entrySet()) {
            boolean entering = e.getValue() == TradingState.ACTIVE && live.get(e.getKey()) != TradingState.ACTIVE;
            if (entering && slotOf(e.getKey()) != from && !drained) {
                gate.put(e.getKey(), TradingState.SHADOW);
                waiting = true;
            }
        }
        if (waiting && end != null) {
            t.wakeAt(end);
        }
        if (drained) {
            t.status.drain = null;
        }
        return gate;
    }

    /**
     * A slot the cluster's gate shows trading and {@code next} stops starts a drain (also a halt
     * under an invalid spec, which writes the gate without planning).
     */
    public static void noteLeaving(SwarmReleaseStatus status, Map<String, TradingState> live, Map<String, TradingState> next) {
        next.forEach((key, state) -> {
            if (live.get(key) == TradingState.ACTIVE && state != TradingState.ACTIVE) {
                status.drain = new DrainStatus();
                status.drain.from = slotOf(key).name();
            }
        });
    }

    private static Duration drainTimeout(Tick t) {
        return Durations.parse(t.spec().trading == null ? null : t.spec().trading.drainTimeout, DEFAULT_DRAIN);
    }

    /** The slot of a gate key {@code <bot>-<slot>}. */
    private static Slot slotOf(String key) {
        return Slot.valueOf(key.substring(key.lastIndexOf('-') + 1));
    }
}
