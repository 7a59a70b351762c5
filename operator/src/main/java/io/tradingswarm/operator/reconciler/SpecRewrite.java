package io.tradingswarm.operator.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.StoredRevision;

/**
 * The undo action writes the kept revision's version and bots back into the spec, as
 * {@code kubectl argo rollouts undo} does: the spec stays the one source of what runs, and a GitOps
 * tool sees the change.
 */
final class SpecRewrite {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private SpecRewrite() {
    }

    /** Rewrites the spec; {@code release} takes the new resourceVersion, so the status save that follows is not refused. */
    static void undo(KubernetesClient client, SwarmRelease release, StoredRevision to) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("version", to.version());
        spec.put("bots", to.bots());
        SwarmRelease patched = client.resources(SwarmRelease.class).inNamespace(release.getMetadata().getNamespace())
                .withName(release.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), JSON.asJson(Map.of("spec", spec)));
        release.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    }
}
