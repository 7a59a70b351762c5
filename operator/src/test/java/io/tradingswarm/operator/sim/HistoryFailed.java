package io.tradingswarm.operator.sim;

/** A history broke a rule (or crashed): the message carries the seed, how to replay it, and the trace. */
final class HistoryFailed extends AssertionError {
    final long seed;
    final String invariant;
    /** Reconciles played until the rule broke. */
    final long ticks;

    HistoryFailed(long seed, long ticks, Throwable cause, String trace) {
        super("history " + seed + " broke " + cause.getMessage() + "\n\nreplay: ./mvnw test -Dtest.groups=sim -Dsim.seed=" + seed
                + "\n\ntrace of history " + seed + ":\n" + trace, cause);
        this.seed = seed;
        this.ticks = ticks;
        this.invariant = cause instanceof Violation v ? v.invariant : "crash " + cause.getClass().getSimpleName();
    }
}
