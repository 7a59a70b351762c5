package io.tradingswarm.operator.sim;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.reconciler.Decision;

/**
 * What one reconcile saw and decided, for the invariants.
 *
 * @param before the status saved before this reconcile (null for a new release)
 * @param after the status this reconcile saved, as read back through JSON
 * @param touchedBots bots whose objects a hand changed in the last two ticks
 */
record TickFacts(long tick, Instant now, SwarmReleaseSpec spec, boolean specValid, long generation,
        SwarmReleaseStatus before, SwarmReleaseStatus after, String savedJson, Decision decision,
        List<ProbeResult> landed, Action action, boolean stale, Set<String> touchedBots) {

    boolean blueGreen() {
        return spec.strategy.blueGreen != null;
    }

    Phase phaseBefore() {
        return before == null ? null : before.phase;
    }

    /** The same run before and after this reconcile (no new run, retry or revert). */
    boolean sameRun() {
        return before != null && java.util.Objects.equals(before.runStartedAt, after.runStartedAt)
                && java.util.Objects.equals(before.revision, after.revision);
    }

    /** The action this reconcile handled and applied, or null. */
    String appliedAction() {
        if (after.lastAction == null || "Applied".equals(after.lastAction.result) == false) {
            return null;
        }
        boolean fresh = before == null || before.lastAction == null
                || !after.lastAction.requestId.equals(before.lastAction.requestId);
        return fresh ? after.lastAction.action : null;
    }
}
