package io.tradingswarm.operator.reconciler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.ProbeResult;

/**
 * Drops the measurements that status has overtaken. With sharding, a release can leave this
 * instance while one of its measurements is under way, be measured and counted by another instance,
 * and come back: the old result must not count a second time. Such a result was launched before the
 * probe's last counted measurement landed. Within one instance a probe is measured once at a time,
 * so none of its own results ever is (docs/operations.md, "Sharding: more than one operator").
 */
public final class OvertakenResults {
    private OvertakenResults() {
    }

    public static List<ProbeResult> drop(List<ProbeResult> landed, SwarmReleaseStatus status) {
        if (landed.isEmpty() || status == null) {
            return landed;
        }
        Map<String, Instant> lastCounted = status.probes.stream().filter(p -> p.name != null && p.lastMeasuredAt != null)
                .collect(Collectors.toMap(p -> p.name, p -> Instant.parse(p.lastMeasuredAt), (a, b) -> a.isAfter(b) ? a : b));
        return landed.stream().filter(r -> !r.launchedAt().isBefore(lastCounted.getOrDefault(r.probe(), Instant.MIN))).toList();
    }
}
