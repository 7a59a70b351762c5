package io.tradingswarm.operator.planner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.api.TradingState;

/**
 * The planner's decision for one reconcile; the shell applies it as a whole.
 *
 * @param probesDue probes whose next measurement is due now (the shell skips those already in flight)
 * @param hookJobs hook Jobs to create when they do not exist yet
 * @param routes the routers' weights per bot, empty without trafficRouting
 * @param trading the trading gate: every slot's trading state by slot Deployment name
 * @param shards the shards each slot of a bot with shards trades, by slot Deployment name
 * @param retiredBots bots no revision in use runs any more: their slots and Services are deleted
 * @param wakeUpAfter when the planner wants to look again even if nothing in the cluster changes
 * @param undoTo the stored revision the undo action puts back into the spec, or null
 */
public record Plan(SwarmReleaseStatus status, List<SlotIntent> slots, List<ServiceIntent> services, List<RouteIntent> routes,
        Map<String, TradingState> trading, Map<String, List<String>> shards, List<String> retiredBots, List<ReleaseEvent> events, List<String> probesDue, List<HookJob> hookJobs,
        Optional<Duration> wakeUpAfter, StoredRevision undoTo) {
}
