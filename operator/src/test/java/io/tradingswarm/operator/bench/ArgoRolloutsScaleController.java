package io.tradingswarm.operator.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Argo Rollouts v1.8.3 under the scale bench: its controller built and run by
 * hack/bench/peers/argo.sh as its install's ServiceAccount (leader election on, in a loopback-only
 * network namespace); a release is a Rollout with a basic canary (steps setWeight 50, 100; no
 * Service, no traffic routing: Argo scales the two ReplicaSets by weight).
 */
final class ArgoRolloutsScaleController extends ScaleController.Scripted {
    /** argo.sh runs it with a token of {@code kubectl -n argo-rollouts create token argo-rollouts}. */
    ArgoRolloutsScaleController() {
        super("argo-rollouts", "system:serviceaccount:argo-rollouts:argo-rollouts", "hack/bench/peers/argo.sh", "ARGO_WORKDIR",
                "argoproj.io", "Rollout", "rollouts");
    }

    @Override
    public GenericKubernetesResource release(String namespace, String name, String version, int replicas, String shard) {
        Map<String, Object> spec = Map.of(
                "replicas", replicas,
                "selector", Map.of("matchLabels", Map.of(POD_LABEL, name)),
                "template", Serialization.unmarshal(Serialization.asJson(ScaleController.template(name, version)), Map.class),
                "strategy", Map.of("canary", Map.of("steps", List.of(Map.of("setWeight", 50), Map.of("setWeight", 100)))));
        return new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    /**
     * Argo's status is for the spec at {@code version} (its template's image; {@code observedGeneration}
     * is a string there), phase Healthy, the stable ReplicaSet is the current template's
     * ({@code stableRS == currentPodHash}) and it has all the replicas, updated and available, with
     * no other left ({@code status.replicas}).
     */
    @Override
    boolean finished(GenericKubernetesResource release, Map<String, Object> status, String phase, String version) {
        String replicas = String.valueOf(spec(release).get("replicas"));
        String stable = Objects.toString(status.get("stableRS"), "");
        return current(release, status, version) && "Healthy".equals(phase) && !stable.isEmpty()
                && stable.equals(status.get("currentPodHash"))
                && Stream.of("replicas", "updatedReplicas", "availableReplicas")
                        .allMatch(f -> replicas.equals(String.valueOf(status.get(f))));
    }

    /** Argo's status is for the spec at {@code version}, and Degraded or aborted. */
    @Override
    boolean failed(GenericKubernetesResource release, Map<String, Object> status, String phase, String version) {
        return current(release, status, version) && ("Degraded".equals(phase) || Boolean.TRUE.equals(status.get("abort")));
    }

    @SuppressWarnings("unchecked")
    private static boolean current(GenericKubernetesResource release, Map<String, Object> status, String version) {
        Map<String, Object> template = (Map<String, Object>) spec(release).get("template");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec"))
                .get("containers");
        return String.valueOf(release.getMetadata().getGeneration()).equals(status.get("observedGeneration"))
                && (IMAGE + ":" + version).equals(containers.get(0).get("image"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource release) {
        return (Map<String, Object>) release.getAdditionalProperties().get("spec");
    }
}
