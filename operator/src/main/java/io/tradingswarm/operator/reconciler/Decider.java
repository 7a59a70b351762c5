package io.tradingswarm.operator.reconciler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingState;
import io.tradingswarm.operator.dependent.ClusterWrites;
import io.tradingswarm.operator.dependent.TradingGateObject;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.ActionRules;
import io.tradingswarm.operator.planner.Handover;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.Planner;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.status.StatusAggregator;
import io.tradingswarm.operator.validation.ShardSources;
import io.tradingswarm.operator.validation.SpecValidator;

/**
 * Everything a reconcile decides, without a client: validate (and read the shard lists of
 * {@code bots[].shardsFrom} from the ConfigMaps the view holds), keep the revisions, observe, plan,
 * and turn the plan into writes. The reconciler feeds it from its caches and carries the decision
 * out; the simulation feeds it from a model cluster.
 */
public final class Decider {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private final Planner planner = new Planner();
    private final Predicate<String> allowedHost;

    /** @param allowedHost which hosts probes may name (the operator's allow-list) */
    public Decider(Predicate<String> allowedHost) {
        this.allowedHost = allowedHost;
    }

    /**
     * @param clusterErrors what only the API server can say about a spec that passed the other checks (a
     *        rejected pod template, a name another owner holds), each naming the field
     */
    public Decision decide(SwarmRelease release, ClusterView view, Supplier<List<String>> clusterErrors, List<ProbeResult> landed,
            Action action, Instant now) {
        List<String> errors = new ArrayList<>(SpecValidator.validate(release.getSpec(), allowedHost));
        ShardSources.Resolution shards = ShardSources.resolve(release.getSpec(), view.shardSources());
        errors.addAll(shards.errors());
        if (errors.isEmpty()) {
            errors.addAll(clusterErrors.get());
        }
        if (!errors.isEmpty()) {
            return invalid(release, view, String.join("; ", errors), action, now);
        }
        RevisionKeeper.Kept kept = RevisionKeeper.keep(release, view.revisions(), view.deployments());
        Plan plan = planner.plan(Observation.of(release, view, kept.revisions(), landed, action, shards.shards()), now);
        List<Write> writes = new ArrayList<>(kept.writes());
        writes.addAll(ClusterWrites.of(release, plan, byName(view.deployments()), byName(view.services()), kept.revisions(),
                byName(view.routes()), view.gate(), view.pods()));
        return new Decision(plan.status(), plan.events(), writes, plan.hookJobs(), plan.probesDue(), plan.wakeUpAfter(),
                plan.undoTo());
    }

    /**
     * Nothing moves: the saved status says InvalidSpec and why, announced once per distinct message.
     * Only the emergency halt still works: it halts every slot the gate published last.
     */
    private static Decision invalid(SwarmRelease release, ClusterView view, String message, Action action, Instant now) {
        SwarmReleaseStatus saved = release.getStatus();
        boolean announced = saved != null && saved.phase == io.tradingswarm.operator.api.Phase.InvalidSpec
                && message.equals(saved.message);
        SwarmReleaseStatus copy = saved == null ? null : JSON.convertValue(saved, SwarmReleaseStatus.class);
        SwarmReleaseStatus status = StatusAggregator.invalidSpec(copy, release.getMetadata().getGeneration(), message, now);
        List<ReleaseEvent> events = new ArrayList<>();
        if (!announced) {
            events.add(new ReleaseEvent(EventReason.InvalidSpec, message));
        }
        List<Write> writes = new ArrayList<>();
        if (action != null) {
            events.addAll(ActionRules.haltWhileInvalid(status, action, now));
        }
        if (status.halt != null) {
            Map<String, TradingState> halted = new TreeMap<>();
            (status.trading == null ? Map.<String, TradingState>of() : status.trading).keySet()
                    .forEach(slot -> halted.put(slot, TradingState.HALTED));
            view.deployments().forEach(d -> halted.put(d.getMetadata().getName(), TradingState.HALTED));
            Handover.noteLeaving(status, TradingGateObject.view(view.gate()), halted);
            status.trading = halted;
            writes.addAll(TradingGateObject.gateWrite(release, status.trading, status.shards, view.gate(),
                    byName(view.deployments()), false));
            writes.addAll(TradingGateObject.podLabels(status.trading, view.pods()));
        }
        return new Decision(status, events, writes, List.of(), List.of(), Optional.empty(), null);
    }

    private static <R extends HasMetadata> Map<String, R> byName(Collection<R> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
    }
}
