package io.tradingswarm.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Revision;
import io.tradingswarm.operator.dependent.TradingGateObject;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.StoredRevision;

/** The planner's view of one release, built from the objects the cluster shows (no client). */
public final class Observation {
    private Observation() {
    }

    /** @param shardsFrom the shards read for the bots with {@code shardsFrom}, by bot name */
    public static Observed of(SwarmRelease release, ClusterView view, Map<String, StoredRevision> revisions,
            List<ProbeResult> landed, Action action, Map<String, List<String>> shardsFrom) {
        Set<String> servedBots = view.services().stream().map(s -> s.getMetadata().getLabels())
                .filter(labels -> labels != null && labels.containsKey(Labels.BOT)).map(labels -> labels.get(Labels.BOT))
                .collect(Collectors.toSet());
        return new Observed(release.getMetadata().getName(), release.getSpec(), release.getMetadata().getGeneration(),
                Revision.of(release.getSpec()), release.getStatus(), SlotObserver.observe(Set.copyOf(view.deployments())),
                servedBots, landed,
                HookJobs.observe(Set.copyOf(view.jobs())), Map.copyOf(revisions), action, TradingGateObject.view(view.gate()),
                Map.copyOf(shardsFrom));
    }
}
