package io.tradingswarm.operator.planner;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.TradingState;

/**
 * The trading gate (docs/trading-gate.md): the state of both slots of every bot in play, keyed by
 * slot Deployment name. The stable slot trades; a canary's new slot trades once it takes a share of
 * the traffic, beside the stable one (for a bot with shards, each shard trades on one slot:
 * {@link ShardGate}); a blue-green preview runs in shadow until the switch, and the
 * old slot in shadow after it, and the handover waits for a drain ({@link Handover}), so the two
 * never trade at once. The emergency halt stops every slot.
 */
final class TradingGate {
    private TradingGate() {
    }

    /** Decides the gate and puts it into status ({@code trading}, and {@code shards} for bots that declare them). */
    static void publish(Tick t) {
        Map<String, TradingState> gate = new TreeMap<>();
        for (Bot bot : t.botsInPlay()) {
            for (Slot slot : Slot.values()) {
                gate.put(slot.of(bot.name), state(t, slot));
            }
        }
        List<Bot> sharded = t.botsInPlay().stream().filter(b -> !t.shardsOf(b).isEmpty()).toList();
        Map<String, List<String>> shards = new TreeMap<>();
        if (t.blueGreen() != null) {
            gate = Handover.sequence(t, gate);
            for (Bot bot : sharded) {
                for (Slot slot : Slot.values()) {
                    shards.put(slot.of(bot.name), gate.get(slot.of(bot.name)) == TradingState.ACTIVE ? t.shardsOf(bot) : List.of());
                }
            }
        } else if (!sharded.isEmpty()) {
            shards = ShardGate.assign(t, sharded);
            for (Map.Entry<String, List<String>> e : shards.entrySet()) {
                gate.put(e.getKey(), halted(t) ? TradingState.HALTED : e.getValue().isEmpty() ? TradingState.SHADOW : TradingState.ACTIVE);
            }
        }
        t.status.trading = gate;
        t.status.shards = shards.isEmpty() ? null : shards;
    }

    private static TradingState state(Tick t, Slot slot) {
        if (halted(t)) {
            return TradingState.HALTED;
        }
        boolean trades = !t.hasStable() ? slot == t.newSlot() : slot == t.stableSlot() ? stableTrades(t) : newTrades(t);
        return trades ? TradingState.ACTIVE : TradingState.SHADOW;
    }

    /**
     * What the trading of the run's current step still waits for in the cluster's gate, or null when
     * every bot of the spec trades there as the step wants: a blue-green new slot active after the
     * switch, a canary bot's shards on the slots its weight gives them. A step's analysis starts after.
     */
    static String awaited(Tick t) {
        GateView live = t.observed.gate();
        for (Bot bot : t.bots()) {
            if (t.blueGreen() != null) {
                if (live.states().get(t.newSlot().of(bot.name)) != TradingState.ACTIVE) {
                    return "version " + t.status.version + " starts trading after the drain (status.drain)";
                }
            } else if (!t.shardsOf(bot).isEmpty()) {
                Map<Slot, List<String>> wanted = ShardGate.desired(t, bot);
                for (Slot slot : Slot.values()) {
                    if (!wanted.get(slot).equals(live.shards().getOrDefault(slot.of(bot.name), List.of()))) {
                        return "the shards of " + bot.name + " move to their slots through the drain (status.drain)";
                    }
                }
            }
        }
        return null;
    }

    static boolean halted(Tick t) {
        return t.status.halt != null;
    }

    /** A run has moved, or may move, traffic to its new slot (a rollback has taken it back). */
    static boolean running(Tick t) {
        Phase p = t.status.phase;
        return p == Phase.Progressing || p == Phase.Paused || p == Phase.Promoting || p == Phase.Degraded;
    }

    private static boolean newTrades(Tick t) {
        if (!running(t)) {
            return false;
        }
        if (t.blueGreen() != null) {
            return t.switched();
        }
        return t.status.weight != null && t.status.weight > 0 || Boolean.TRUE.equals(t.status.headerRouted);
    }

    private static boolean stableTrades(Tick t) {
        return !(running(t) && t.blueGreen() != null && t.switched());
    }
}
