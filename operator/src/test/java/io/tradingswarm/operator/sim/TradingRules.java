package io.tradingswarm.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.probe.Measurement.Verdict;

/**
 * The trading gate as bots would read it from the cluster (the ConfigMap's files, not the planner's
 * view): never two slots of a blue-green bot trading at once, and every slot halted while a halt is in force.
 */
final class TradingRules {

    /** When each slot was last seen trading in the gate. */
    private final Map<String, Instant> lastActive = new HashMap<>();
    private Map<String, String> previous = Map.of();

    void afterWrites(ModelCluster cluster, TickFacts f) {
        if (cluster.gate == null || cluster.gate.getData() == null) {
            return;
        }
        Map<String, String> states = new TreeMap<>();
        Map<String, List<String>> shards = new TreeMap<>();
        cluster.gate.getData().forEach((slot, file) -> {
            states.put(slot, line(file, "state="));
            String list = line(file, "shards=");
            if (list != null) {
                shards.put(slot, list.isEmpty() ? List.of() : List.of(list.split(",")));
            }
        });
        noteDrainPasses(f);
        handedOverAfterADrain(states, f);
        shardsMoveThroughADrain(shards, f);
        if (f.after().halt != null) {
            states.forEach((slot, state) -> {
                if (!"halted".equals(state)) {
                    throw new Violation("T2", "a halt is in force (" + f.after().halt.by + ") but the gate says " + slot + ": " + state);
                }
            });
        }
        if (f.specValid() && f.spec().strategy.blueGreen != null) {
            states.forEach((slot, state) -> {
                if (slot.endsWith("-a") && "active".equals(state)
                        && "active".equals(states.get(slot.substring(0, slot.length() - 2) + "-b"))) {
                    throw new Violation("T1", "both slots of bot " + slot.substring(0, slot.length() - 2)
                            + " trade at once in a blue-green release (phase " + f.after().phase + ", step " + f.after().currentStep + ")");
                }
            });
        }
    }

    /**
     * T3: in a blue-green release a slot starts trading only once its sibling has not traded for the
     * drain (judged from the gate at ticks, so a sibling seen trading at t stopped no earlier than t).
     */
    private void handedOverAfterADrain(Map<String, String> states, TickFacts f) {
        if (f.specValid() && f.spec().strategy.blueGreen != null) {
            Duration drain = Durations.parse(f.spec().trading == null ? null : f.spec().trading.drainTimeout, Duration.ofSeconds(90));
            states.forEach((slot, state) -> {
                String sibling = slot.substring(0, slot.length() - 1) + (slot.endsWith("a") ? "b" : "a");
                Instant siblingLast = lastActive.get(sibling);
                boolean starts = "active".equals(state) && !"active".equals(previous.get(slot));
                if (starts && siblingLast != null && !drained(siblingLast, drain, f)) {
                    throw new Violation("T3", slot + " started trading " + Duration.between(siblingLast, f.now()).toSeconds()
                            + "s after " + sibling + " was last seen trading; " + drainRule(drain, f));
                }
            });
        }
        states.forEach((slot, state) -> {
            if ("active".equals(state)) {
                lastActive.put(slot, f.now());
            }
        });
        previous = states;
    }

    /** When each shard was last seen on each slot ({@code <bot>-<slot>/<shard>}). */
    private final Map<String, Instant> lastHeld = new HashMap<>();
    private Map<String, List<String>> previousShards = Map.of();

    /**
     * T4: no shard of a bot is on both its slots at once. T5: a shard joins a slot only a drain after
     * it was last seen on the other (judged at ticks, like T3).
     */
    private void shardsMoveThroughADrain(Map<String, List<String>> shards, TickFacts f) {
        Duration drain = Durations.parse(f.spec().trading == null ? null : f.spec().trading.drainTimeout, Duration.ofSeconds(90));
        shards.forEach((slot, held) -> {
            String sibling = slot.substring(0, slot.length() - 1) + (slot.endsWith("a") ? "b" : "a");
            for (String shard : held) {
                if (shards.getOrDefault(sibling, List.of()).contains(shard)) {
                    throw new Violation("T4", "shard " + shard + " is on " + slot + " and " + sibling + " at once");
                }
                Instant siblingLast = lastHeld.get(sibling + "/" + shard);
                boolean joins = !previousShards.getOrDefault(slot, List.of()).contains(shard);
                if (f.specValid() && joins && siblingLast != null && !drained(siblingLast, drain, f)) {
                    throw new Violation("T5", "shard " + shard + " joined " + slot + " " + Duration.between(siblingLast, f.now()).toSeconds()
                            + "s after it was last seen on " + sibling + "; " + drainRule(drain, f));
                }
            }
        });
        shards.forEach((slot, held) -> held.forEach(shard -> lastHeld.put(slot + "/" + shard, f.now())));
        previousShards = shards;
    }

    /** The launch of the latest drain-probe measurement that landed as a pass (no data counts as its onNoData says). */
    private Instant lastDrainPassLaunched;

    private void noteDrainPasses(TickFacts f) {
        String probe = drainProbe(f);
        if (probe == null) {
            return;
        }
        ProbeSpec spec = f.spec().probes.stream().filter(p -> p.name.equals(probe)).findFirst().orElseThrow();
        for (ProbeResult r : f.landed()) {
            Verdict v = r.measurement().verdict();
            boolean pass = v == Verdict.Pass || v == Verdict.NoData && "Pass".equals(spec.onNoData);
            if (r.probe().equals(probe) && pass && (lastDrainPassLaunched == null || r.launchedAt().isAfter(lastDrainPassLaunched))) {
                lastDrainPassLaunched = r.launchedAt();
            }
        }
    }

    /**
     * Whether a slot last seen trading something at {@code last} has drained: the drain timeout has
     * passed since, or, with a drain probe, a pass of it was asked for after that (so after the stop).
     */
    private boolean drained(Instant last, Duration drain, TickFacts f) {
        return drainProbe(f) == null ? Duration.between(last, f.now()).compareTo(drain) >= 0
                : lastDrainPassLaunched != null && lastDrainPassLaunched.isAfter(last);
    }

    private static String drainRule(Duration drain, TickFacts f) {
        return drainProbe(f) == null ? "the drain is " + drain.toSeconds() + "s"
                : "no pass of drain probe " + drainProbe(f) + " was asked for since";
    }

    private static String drainProbe(TickFacts f) {
        return f.specValid() && f.spec().trading != null ? f.spec().trading.drainProbe : null;
    }

    /** The value of a line, as a bot's reader parses the file; null without one. */
    private static String line(String file, String key) {
        for (String line : file.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length());
            }
        }
        return null;
    }
}
