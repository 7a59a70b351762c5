package io.tradingswarm.operator.reconciler;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.api.SwarmReleaseStatus;

/** Status is written only when its content changed: comparing the JSON trees ignores field order. */
final class StatusDiff {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private StatusDiff() {
    }

    static boolean same(SwarmReleaseStatus saved, SwarmReleaseStatus next) {
        return saved != null && JSON.convertValue(saved, com.fasterxml.jackson.databind.JsonNode.class)
                .equals(JSON.convertValue(next, com.fasterxml.jackson.databind.JsonNode.class));
    }
}
