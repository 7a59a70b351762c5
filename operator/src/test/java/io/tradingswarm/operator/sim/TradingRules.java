package io.tradingswarm.operator.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * The trading gate as bots would read it from the cluster (the ConfigMap's files, not the planner's
 * view): never two slots of a blue-green bot trading at once, and every slot halted while a halt is in force.
 */
final class TradingRules {

    void afterWrites(ModelCluster cluster, TickFacts f) {
        if (cluster.gate == null || cluster.gate.getData() == null) {
            return;
        }
        Map<String, String> states = new TreeMap<>();
        cluster.gate.getData().forEach((slot, file) -> states.put(slot, state(file)));
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

    /** The value of the state line, as a bot's reader parses the file. */
    private static String state(String file) {
        for (String line : file.split("\n")) {
            if (line.startsWith("state=")) {
                return line.substring("state=".length());
            }
        }
        return null;
    }
}
