package io.tradingswarm.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.reconciler.ClusterView;
import io.tradingswarm.operator.reconciler.Decider;
import io.tradingswarm.operator.reconciler.Decision;

/**
 * The operator's process, minus the client: a Decider, the inbox of landed measurements not yet
 * counted, and informer caches that may show the previous tick. A restart loses all of it.
 */
final class OperatorProcess {
    private Decider decider = newDecider();
    private final List<ProbeResult> inbox = new ArrayList<>();
    private ClusterView lastView;

    static Decider newDecider() {
        return new Decider(host -> true);
    }

    void restart() {
        decider = newDecider();
        inbox.clear();
        lastView = null;
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
        ClusterView shown = stale && lastView != null ? lastView : fresh;
        lastView = fresh;
        return shown;
    }

    /** One reconcile's decision; the measurements it saw are counted once its status is saved. */
    Decision decide(SwarmRelease release, ClusterView view, List<ProbeResult> landed, Action action, Instant now) {
        return decider.decide(release, view, List::of, landed, action, now);
    }

    void counted(List<ProbeResult> landed) {
        inbox.removeAll(landed);
    }
}
