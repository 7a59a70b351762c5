package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.tradingswarm.operator.api.DrainStatus;
import io.tradingswarm.operator.api.DrainStatus.DrainProbeStatus;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.probe.Measurement.Verdict;

/**
 * The drain both handovers share (a blue-green switch, a shard moving between slots): something
 * stops trading on a slot; once the gate in the cluster shows it, the drain runs before anything
 * may start trading on the other slot. It ends spec.trading.drainTimeout later, or, with a drain
 * probe, at the probe's first pass launched after the stop showed: the probe replaces the wait, and
 * the timeout becomes its deadline. Lockstep: one drain for the whole swarm.
 */
final class Drain {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    /** The rollback reason of a run whose drain probe did not pass in time. */
    static final String FAILED = "DrainFailed";

    private Drain() {
    }

    /**
     * The gate keys in {@code stopping} stop trading something the cluster's gate shows them trading:
     * the drain starts over (its clock once the cluster shows the stop).
     */
    static void stopped(SwarmReleaseStatus status, Set<String> stopping, GateView live) {
        Set<Slot> from = stopping.stream().map(Handover::slotOf).collect(Collectors.toSet());
        status.drain = new DrainStatus();
        // Only the slot that stopped may take its own back at once; after a stop on both, neither may.
        status.drain.from = from.size() == 1 ? from.iterator().next().name() : null;
        status.drain.versions = stopping.stream().map(live.versions()::get).filter(Objects::nonNull).distinct()
                .sorted(Comparator.naturalOrder()).toList();
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

    /**
     * Counts the drain probe's measurements launched since the drain's clock started (one launched
     * before may have seen a slot that was still trading).
     */
    static void fold(Tick t) {
        DrainStatus d = t.status.drain;
        String probe = probe(t);
        if (probe == null || d == null || d.startedAt == null) {
            return;
        }
        Instant started = Instant.parse(d.startedAt);
        t.observed.measurements().stream()
                .filter(r -> r.probe().equals(probe) && r.run().equals(RunId.of(t.status)) && !r.launchedAt().isBefore(started))
                .sorted(Comparator.comparing(ProbeResult::at))
                .forEach(r -> {
                    DrainProbeStatus s = statusOf(d, probe);
                    s.lastVerdict = ProbeRules.counted(ProbeRules.spec(t, probe), r.measurement().verdict()).name();
                    s.lastMeasuredAt = r.at().toString();
                    s.lastValue = r.measurement().value();
                    s.message = r.measurement().message();
                    s.measurements++;
                });
    }

    /**
     * A drain probe that has not passed by the deadline fails a run moving traffic forward: the
     * rollback gives the stopped slot its own back at once, and nothing starts on the other one. Like
     * any failed probe, it takes the traffic back at once.
     */
    static boolean failsRun(Tick t) {
        DrainStatus d = t.status.drain;
        String probe = probe(t);
        Phase p = t.status.phase;
        if (probe == null || d == null || d.startedAt == null || over(t) || t.now.isBefore(deadline(t))
                || !(p == Phase.Progressing || p == Phase.Paused || p == Phase.Promoting)) {
            return false;
        }
        t.fail(FAILED, "drain probe " + probe + " did not pass within drainTimeout " + timeout(t).toSeconds()
                + "s after " + stoppedWhat(d) + " stopped trading" + last(d), probe, deadline(t));
        return true;
    }

    /**
     * Wakes the run when the drain may end if something waits for it, asks for the drain probe's
     * measurements, says once when the probe is overdue, and forgets a drain that is over.
     */
    static void settle(Tick t, boolean waiting) {
        DrainStatus d = t.status.drain;
        if (d == null || d.startedAt == null) {
            return;
        }
        if (over(t)) {
            t.status.drain = null;
            return;
        }
        String probe = probe(t);
        if (probe == null) {
            if (waiting) {
                t.wakeAt(deadline(t));
            }
            return;
        }
        DrainProbeStatus s = statusOf(d, probe);
        ProbeRules.measureWhenDue(t, probe, s.lastMeasuredAt);
        if (t.now.isBefore(deadline(t))) {
            t.wakeAt(deadline(t));
        } else if (waiting && s.overdue == null) {
            s.overdue = true;
            t.emit(EventReason.DrainOverdue, "drain probe " + probe + " has not passed " + timeout(t).toSeconds() + "s after "
                    + stoppedWhat(d) + " stopped trading" + last(d) + ": the other slot keeps waiting for a pass");
        }
    }

    private static boolean over(Tick t) {
        DrainStatus d = t.status.drain;
        if (d == null || d.startedAt == null) {
            return false;
        }
        return probe(t) == null ? !t.now.isBefore(deadline(t))
                : d.probe != null && Verdict.Pass.name().equals(d.probe.lastVerdict);
    }

    private static Instant deadline(Tick t) {
        return Instant.parse(t.status.drain.startedAt).plus(timeout(t));
    }

    private static Duration timeout(Tick t) {
        return Durations.parse(t.spec().trading == null ? null : t.spec().trading.drainTimeout, DEFAULT_TIMEOUT);
    }

    /** The drain probe's name, or null. */
    static String probe(Tick t) {
        return t.spec().trading == null ? null : t.spec().trading.drainProbe;
    }

    private static DrainProbeStatus statusOf(DrainStatus d, String probe) {
        if (d.probe == null || !probe.equals(d.probe.name)) {
            d.probe = new DrainProbeStatus();
            d.probe.name = probe;
        }
        return d.probe;
    }

    private static String stoppedWhat(DrainStatus d) {
        return d.versions == null || d.versions.isEmpty() ? "a slot" : "version " + String.join(", ", d.versions);
    }

    private static String last(DrainStatus d) {
        return d.probe == null || d.probe.lastVerdict == null ? " (no measurement yet)"
                : " (last: " + d.probe.lastVerdict + (d.probe.message == null ? "" : ", " + d.probe.message) + ")";
    }
}
