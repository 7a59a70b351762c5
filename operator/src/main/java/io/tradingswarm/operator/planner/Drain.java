package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.tradingswarm.operator.api.DrainStatus;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * The drain both handovers share (a blue-green switch, a shard moving between slots): something
 * stops trading on a slot; once the gate in the cluster shows it, spec.trading.drainTimeout passes
 * before anything may start trading on the other slot. Lockstep: one drain for the whole swarm.
 */
final class Drain {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private Drain() {
    }

    /** Something stopped trading on {@code from}: the drain starts over (its clock once the cluster shows the stop). */
    static void stopped(SwarmReleaseStatus status, Set<Slot> from) {
        status.drain = new DrainStatus();
        // Only the slot that stopped may take its own back at once; after a stop on both, neither may.
        status.drain.from = from.size() == 1 ? from.iterator().next().name() : null;
    }

    /** The gate in the cluster shows every stop: the drain's clock runs from now. */
    static void shown(Tick t) {
        if (t.status.drain != null && t.status.drain.startedAt == null) {
            t.status.drain.startedAt = t.now.toString();
        }
    }

    /** Whether {@code slot} may start trading again what it stopped (the other slot never started). */
    static boolean mayStart(Tick t, Slot slot) {
        DrainStatus d = t.status.drain;
        return d == null || slot.name().equals(d.from) || over(t);
    }

    /** Whether anything may start trading on any slot: no drain, or it is over. */
    static boolean passed(Tick t) {
        return t.status.drain == null || over(t);
    }

    /** Wakes the run when the drain ends if something waits for it; forgets a drain that is over. */
    static void settle(Tick t, boolean waiting) {
        Instant end = end(t);
        if (waiting && end != null) {
            t.wakeAt(end);
        }
        if (over(t)) {
            t.status.drain = null;
        }
    }

    private static boolean over(Tick t) {
        Instant end = end(t);
        return end != null && !t.now.isBefore(end);
    }

    private static Instant end(Tick t) {
        DrainStatus d = t.status.drain;
        return d == null || d.startedAt == null ? null : Instant.parse(d.startedAt).plus(timeout(t));
    }

    private static Duration timeout(Tick t) {
        return Durations.parse(t.spec().trading == null ? null : t.spec().trading.drainTimeout, DEFAULT_TIMEOUT);
    }
}
