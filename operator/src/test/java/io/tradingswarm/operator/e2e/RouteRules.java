package io.tradingswarm.operator.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A live route's rules as one line each, in their order, so a test compares them whole and a
 * failure shows them: an HTTPRoute's {@code spec.rules} or a VirtualService's {@code spec.http}.
 * Backends are listed by name (their order carries no meaning); any field the operator never
 * writes shows up as {@code +field}, so it cannot pass unnoticed.
 */
final class RouteRules {
    static final String HTTP_ROUTE = "HTTPRoute";
    static final String VIRTUAL_SERVICE = "VirtualService";

    private RouteRules() {
    }

    static List<String> of(GenericKubernetesResource route) {
        if (route == null) {
            return null;
        }
        return HTTP_ROUTE.equals(route.getKind()) ? httpRoute(route) : virtualService(route);
    }

    // ---- what the operator should have written ----

    /** Gateway API: the weighted rule for every request (the API server defaults its match to the path prefix /). */
    static String gatewayWeights(String bot, int port, int a, int b) {
        return "when [path PathPrefix /] -> Service/" + bot + "-a:" + port + "=" + a + ", Service/" + bot + "-b:" + port + "=" + b;
    }

    static String gatewayHeaderRule(String bot, String slot, int port, String header, String value) {
        return "when [path PathPrefix /, header Exact " + header + "=" + value + "] -> Service/" + bot + "-" + slot + ":" + port
                + "=100";
    }

    static String istioWeights(String bot, int port, int a, int b) {
        return "always -> " + bot + "-a:" + port + "=" + a + ", " + bot + "-b:" + port + "=" + b;
    }

    static String istioHeaderRule(String bot, String slot, int port, String header, String value) {
        return "when [header " + header + " exact=" + value + "] -> " + bot + "-" + slot + ":" + port + "=100";
    }

    // ---- reading ----

    private static List<String> httpRoute(GenericKubernetesResource route) {
        List<String> rules = new ArrayList<>();
        for (Map<String, Object> rule : maps(spec(route).get("rules"))) {
            List<String> matches = new ArrayList<>();
            for (Map<String, Object> match : maps(rule.get("matches"))) {
                List<String> parts = new ArrayList<>();
                if (match.get("path") instanceof Map<?, ?> path) {
                    parts.add("path " + path.get("type") + " " + path.get("value"));
                }
                maps(match.get("headers")).forEach(h -> parts.add("header " + h.get("type") + " " + h.get("name") + "=" + h.get("value")));
                extras(match, Set.of("path", "headers")).forEach(parts::add);
                matches.add(String.join(", ", parts));
            }
            Map<String, String> backends = new TreeMap<>();
            for (Map<String, Object> b : maps(rule.get("backendRefs"))) {
                String group = b.get("group") == null || "".equals(b.get("group")) ? "" : b.get("group") + "/";
                backends.put(String.valueOf(b.get("name")), group + b.get("kind") + "/" + b.get("name") + ":" + b.get("port")
                        + "=" + b.get("weight") + String.join("", extras(b, Set.of("group", "kind", "name", "port", "weight"))));
            }
            rules.add("when [" + String.join(" | ", matches) + "] -> " + String.join(", ", backends.values())
                    + String.join("", extras(rule, Set.of("matches", "backendRefs"))));
        }
        return rules;
    }

    private static List<String> virtualService(GenericKubernetesResource route) {
        List<String> rules = new ArrayList<>();
        for (Map<String, Object> http : maps(spec(route).get("http"))) {
            List<String> matches = new ArrayList<>();
            for (Map<String, Object> match : maps(http.get("match"))) {
                List<String> parts = new ArrayList<>();
                if (match.get("headers") instanceof Map<?, ?> headers) {
                    headers.forEach((name, m) -> parts.add("header " + name + " "
                            + (m instanceof Map<?, ?> exact ? String.join(",", exact.keySet().stream()
                                    .map(k -> k + "=" + exact.get(k)).toList()) : m)));
                }
                extras(match, Set.of("headers")).forEach(parts::add);
                matches.add(String.join(", ", parts));
            }
            Map<String, String> destinations = new TreeMap<>();
            for (Map<String, Object> r : maps(http.get("route"))) {
                Map<?, ?> destination = r.get("destination") instanceof Map<?, ?> d ? d : Map.of();
                Object port = destination.get("port") instanceof Map<?, ?> p ? p.get("number") : destination.get("port");
                destinations.put(String.valueOf(destination.get("host")), destination.get("host") + ":" + port + "="
                        + r.get("weight") + String.join("", extras(r, Set.of("destination", "weight"))));
            }
            rules.add((matches.isEmpty() ? "always" : "when [" + String.join(" | ", matches) + "]") + " -> "
                    + String.join(", ", destinations.values()) + String.join("", extras(http, Set.of("match", "route"))));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource route) {
        return route.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? (Map<String, Object>) spec : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    private static List<String> extras(Map<String, Object> object, Set<String> known) {
        return object.keySet().stream().filter(k -> !known.contains(k)).sorted().map(k -> " +" + k).toList();
    }
}
