package io.tradingswarm.operator.reconciler;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.planner.StoredRevision;

/**
 * One reconcile's decision as a value: the status to save, then the events it announces, the writes
 * that make the cluster match it, the hook Jobs to start and the measurements that are due.
 *
 * @param undoTo the revision the undo action puts back into the spec, or null
 */
public record Decision(SwarmReleaseStatus status, List<ReleaseEvent> events, List<Write> writes, List<HookJob> hookJobs,
        List<String> probesDue, Optional<Duration> wakeUpAfter, StoredRevision undoTo) {
}
