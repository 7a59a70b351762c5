package io.tradingswarm.operator.routing;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Reading the untyped fields of a live route without trusting their shape. */
final class RouteFields {
    private RouteFields() {
    }

    static Map<?, ?> spec(GenericKubernetesResource live) {
        return live.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
    }

    static List<Map<?, ?>> maps(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
    }
}
