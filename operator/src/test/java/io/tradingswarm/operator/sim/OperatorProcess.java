package io.tradingswarm.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.reconciler.ClusterView;
import io.tradingswarm.operator.reconciler.Decider;
import io.tradingswarm.operator.reconciler.Decision;

/**
 * The operator's process, minus the client: a Decider, the inbox of landed measurements not yet
 * counted, and informer caches that may show the previous tick, except for the operator's own applies
 * (as the reconciler puts them into its caches). A restart loses all of it.
 */
final class OperatorProcess {
    private Decider decider = newDecider();
    private final List<ProbeResult> inbox = new ArrayList<>();
    private ClusterView lastView;
    /** Kind/name of what the operator applied since {@link #lastView} was taken. */
    private final Set<String> applied = new HashSet<>();

    static Decider newDecider() {
        return new Decider(host -> true);
    }

    void restart() {
        decider = newDecider();
        inbox.clear();
        lastView = null;
        applied.clear();
    }

    void landed(List<ProbeResult> results) {
        inbox.addAll(results);
    }

    List<ProbeResult> inbox() {
        return List.copyOf(inbox);
    }

    /** The caches: the cluster as it is, or (when {@code stale} and the caches are not fresh from a restart) the previous tick's picture. */
    ClusterView caches(ModelCluster cluster, boolean stale) {
        ClusterView fresh = cluster.view();
        ClusterView shown = stale && lastView != null ? withOwnApplies(lastView, fresh) : fresh;
        lastView = fresh;
        applied.clear();
        return shown;
    }

    /** The operator's applies (routes too), as the API server answered them, are in its caches at once (ReadYourWrites). */
    void wrote(List<Write> writes) {
        writes.stream().filter(w -> w instanceof Write.Apply).map(w -> key(((Write.Apply) w).object())).forEach(applied::add);
    }

    private ClusterView withOwnApplies(ClusterView stale, ClusterView fresh) {
        return new ClusterView(overlay(stale.deployments(), fresh.deployments()), overlay(stale.services(), fresh.services()),
                stale.jobs(), stale.revisions(), overlay(stale.routes(), fresh.routes()),
                fresh.gate() != null && applied.contains(key(fresh.gate())) ? fresh.gate() : stale.gate(), stale.pods(),
                stale.shardSources());
    }

    private <T extends HasMetadata> List<T> overlay(Collection<T> stale, Collection<T> fresh) {
        List<T> shown = new ArrayList<>(stale.stream().filter(o -> !applied.contains(key(o))).toList());
        fresh.stream().filter(o -> applied.contains(key(o))).forEach(shown::add);
        return shown;
    }

    private static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    /** One reconcile's decision; the measurements it saw are counted once its status is saved. */
    Decision decide(SwarmRelease release, ClusterView view, List<ProbeResult> landed, Action action, Instant now) {
        return decider.decide(release, view, List::of, landed, action, now);
    }

    void counted(List<ProbeResult> landed) {
        inbox.removeAll(landed);
    }
}
