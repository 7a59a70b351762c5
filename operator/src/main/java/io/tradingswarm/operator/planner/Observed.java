package io.tradingswarm.operator.planner;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/**
 * Everything the planner may know about one release in one reconcile: the validated spec, the
 * revision it hashes to, the last saved status and the slot Deployments as the cluster shows them.
 *
 * @param status the saved status, or null for a release never seen before
 * @param slots observed slots by bot name; a bot with no entry has no Deployments yet
 * @param servedBots the bots that have a Service (which may outlive their slots)
 * @param measurements probe results that landed since the saved status, not yet counted in it
 * @param jobs the hook Jobs that exist, by name
 * @param revisions the revisions kept in the cluster, by revision hash
 * @param action the pending one-shot action, or null
 * @param gate the trading gate as the cluster shows it (the ConfigMap), {@link GateView#NONE} before it exists
 * @param shardsFrom the shards of every spec bot with {@code shardsFrom}, by bot name, as the reconciler read
 *        them from their ConfigMaps (validated as inline shards are)
 */
public record Observed(String release, SwarmReleaseSpec spec, long generation, String targetRevision,
        SwarmReleaseStatus status, Map<String, BotSlots> slots, Set<String> servedBots, List<ProbeResult> measurements,
        Map<String, JobState> jobs, Map<String, StoredRevision> revisions, Action action, GateView gate,
        Map<String, List<String>> shardsFrom) {

    public BotSlots slotsOf(String bot) {
        return slots.getOrDefault(bot, BotSlots.NONE);
    }
}
