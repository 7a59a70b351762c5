package io.tradingswarm.operator.reconciler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.StoredRevision;

/** The planner's view of one release, built from the objects the cluster shows (no client). */
public final class Observation {
    private Observation() {
    }

    public static Observed of(SwarmRelease release, Collection<Deployment> slots, Collection<Job> jobs,
            Map<String, StoredRevision> revisions, List<ProbeResult> landed, Action action) {
        return new Observed(release.getMetadata().getName(), release.getSpec(), release.getMetadata().getGeneration(),
                Revision.of(release.getSpec()), release.getStatus(), SlotObserver.observe(Set.copyOf(slots)), landed,
                HookJobs.observe(Set.copyOf(jobs)), Map.copyOf(revisions), action);
    }
}
