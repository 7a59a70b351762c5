package io.tradingswarm.operator.planner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tradingswarm.operator.api.Bot;

/**
 * A canary by shard: for a bot that declares shards, the weight is a share of its shards. The new
 * slot trades the first ceil(weight x shards) of them in the order the spec lists them, the stable
 * slot the rest. The two sets are disjoint at every moment: a shard leaves its slot first, and joins
 * the other only after the drain ({@link Drain}); a rollback returns every shard the same way.
 */
final class ShardGate {
    private ShardGate() {
    }

    /** The shards each slot of every sharded bot trades now, by slot Deployment name; the drain moves as they do. */
    static Map<String, List<String>> assign(Tick t, List<Bot> sharded) {
        Map<Bot, Map<Slot, List<String>>> desired = new java.util.LinkedHashMap<>();
        sharded.forEach(bot -> desired.put(bot, desired(t, bot)));
        Set<String> stopping = new TreeSet<>();
        desired.forEach((bot, slots) -> slots.forEach((slot, shards) -> {
            if (!shards.containsAll(live(t, bot, slot))) {
                stopping.add(slot.of(bot.name));
            }
        }));
        if (stopping.isEmpty()) {
            Drain.shown(t);
        } else {
            Drain.stopped(t.status, stopping, t.observed.gate());
        }
        Map<String, List<String>> published = new java.util.TreeMap<>();
        boolean waiting = false;
        for (Map.Entry<Bot, Map<Slot, List<String>>> e : desired.entrySet()) {
            for (Slot slot : Slot.values()) {
                List<String> held = live(t, e.getKey(), slot);
                List<String> siblingHeld = live(t, e.getKey(), slot.other());
                List<String> now = new ArrayList<>();
                for (String shard : e.getValue().get(slot)) {
                    // No shortcut for a shard going back where it was: another shard may have left that slot since.
                    if (held.contains(shard) || !siblingHeld.contains(shard) && Drain.passed(t)) {
                        now.add(shard);
                    } else {
                        waiting = true;
                    }
                }
                published.put(slot.of(e.getKey().name), now);
            }
        }
        Drain.settle(t, waiting);
        return published;
    }

    /** Where the run wants each shard: by weight during a run, all on the stable slot otherwise; a halt moves none. */
    static Map<Slot, List<String>> desired(Tick t, Bot bot) {
        Map<Slot, List<String>> slots = new EnumMap<>(Slot.class);
        if (TradingGate.halted(t)) {
            for (Slot slot : Slot.values()) {
                slots.put(slot, live(t, bot, slot));
            }
            return slots;
        }
        List<String> all = t.shardsOf(bot);
        int toNew = !t.hasStable() ? all.size()
                : TradingGate.running(t) && t.inSpec(bot) ? Weights.shards(all.size(), CanaryStepsHandler.currentWeight(t)) : 0;
        Slot newSlot = t.newSlot();
        slots.put(newSlot, List.copyOf(all.subList(0, toNew)));
        slots.put(newSlot.other(), List.copyOf(all.subList(toNew, all.size())));
        return slots;
    }


    private static List<String> live(Tick t, Bot bot, Slot slot) {
        return t.observed.gate().shards().getOrDefault(slot.of(bot.name), List.of());
    }
}
