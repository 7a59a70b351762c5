package io.tradingswarm.operator.sim;

import io.tradingswarm.operator.planner.HookJob;

/** Every rule checked at every tick, in the order a reconcile happens: before the writes, then after them. */
final class Invariants {
    private final ProbeLedger probes = new ProbeLedger();
    private final TrafficRules traffic = new TrafficRules();
    private final RunRules run = new RunRules();
    private final RoutedTraffic routed = new RoutedTraffic();
    private final TradingRules trading = new TradingRules();

    /** What must be measured before the writes land. */
    final class BeforeWrites {
        private final TickFacts facts;
        private final CapacityCheck capacity;

        private BeforeWrites(ModelCluster cluster, TickFacts facts) {
            this.facts = facts;
            this.capacity = CapacityCheck.before(cluster, facts.decision(), facts, traffic.stableBots());
            routed.before(cluster, facts);
        }

        /** After the writes, Jobs and measurements; {@code worldWillWakeIt}: pods, controllers, Jobs or probes still busy. */
        void afterWrites(ModelCluster cluster, boolean worldWillWakeIt) {
            run.generationAndValidity(facts);
            run.statusSmall(facts);
            run.actionsOnce(facts);
            run.holdsMeanNoProgress(facts);
            run.rollbackFinishesFirst(facts);
            run.runWaitsVisibly(facts, worldWillWakeIt);
            probes.observe(facts);
            traffic.failedOrPreviewGetsNoTraffic(cluster, facts);
            routed.stableStaysFull(cluster, facts, traffic.stableBots());
            routed.weightOnlyOnReadyPods(cluster, facts);
            routed.failedSlotUnweighed(cluster, facts);
            routed.rollbackIsOneRouteWrite(cluster, facts, traffic.stableBots());
            capacity.after(cluster, facts);
            traffic.atMostTwoRevisions(cluster, facts);
            traffic.removedBots(cluster, facts);
            traffic.stableServes(cluster, facts);
            trading.afterWrites(cluster, facts);
        }
    }

    BeforeWrites beforeWrites(ModelCluster cluster, TickFacts facts) {
        return new BeforeWrites(cluster, facts);
    }

    void hookCreated(TickFacts facts, HookJob job) {
        run.onceOnly(facts, job);
    }
}
