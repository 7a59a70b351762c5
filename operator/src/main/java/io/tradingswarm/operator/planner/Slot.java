package io.tradingswarm.operator.planner;

/** One of the two Deployments every bot runs in; releases alternate between them. */
public enum Slot {
    a, b;

    public Slot other() {
        return this == a ? b : a;
    }

    /** The slot named in status, or {@code a} when nothing is stable yet. */
    public static Slot parse(String name) {
        return name == null ? a : valueOf(name);
    }
}
