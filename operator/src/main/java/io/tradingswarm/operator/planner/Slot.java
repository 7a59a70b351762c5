package io.tradingswarm.operator.planner;

/** One of the two Deployments every bot runs in; releases alternate between them. */
public enum Slot {
    a, b;

    public Slot other() {
        return this == a ? b : a;
    }

    /** The name of {@code bot}'s Deployment in this slot, {@code <bot>-<slot>}: also its key in the trading gate. */
    public String of(String bot) {
        return bot + "-" + name();
    }

    /** The slot named in status, or {@code a} when nothing is stable yet. */
    public static Slot parse(String name) {
        return name == null ? a : valueOf(name);
    }
}
