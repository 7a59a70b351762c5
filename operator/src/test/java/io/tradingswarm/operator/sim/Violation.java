package io.tradingswarm.operator.sim;

/** A broken rule, named by its invariant id (I1..I8, or X-... for the extra checks). */
final class Violation extends AssertionError {
    final String invariant;

    Violation(String invariant, String message) {
        super(invariant + ": " + message);
        this.invariant = invariant;
    }
}
