package io.tradingswarm.operator.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tradingswarm.operator.api.RouteNames;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.ParentReference;

/** Weights as the backendRefs of an HTTPRoute (gateway.networking.k8s.io/v1); header routes as header matches. */
record GatewayApiRouter(GatewayApiRouting settings) implements Router {

    @Override
    public String apiVersion() {
        return "gateway.networking.k8s.io/v1";
    }

    @Override
    public String kind() {
        return "HTTPRoute";
    }

    @Override
    public String plural() {
        return "httproutes";
    }

    @Override
    public String rulesField() {
        return "rules";
    }

    @Override
    public String nameTemplate() {
        return settings.httpRoute;
    }

    @Override
    public String field() {
        return "spec.strategy.canary.trafficRouting.gatewayAPI";
    }

    @Override
    public String nameSetting() {
        return "httpRoute";
    }

    @Override
    public String createSetting() {
        return "parentRefs";
    }

    @Override
    public boolean createsRoute() {
        return settings.parentRefs != null && !settings.parentRefs.isEmpty();
    }

    @Override
    public List<Object> rules(RouteTable table, int port) {
        List<Object> rules = new ArrayList<>();
        for (RouteTable.Rule rule : table.rules()) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            if (!rule.headers().isEmpty()) {
                List<Object> headers = new ArrayList<>();
                rule.headers().forEach((name, value) -> headers.add(Map.of("type", "Exact", "name", name, "value", value)));
                rendered.put("matches", List.of(Map.of("headers", headers)));
            }
            List<Object> backends = new ArrayList<>();
            rule.weights().forEach((service, weight) -> backends.add(Map.of("group", "", "kind", "Service", "name", service,
                    "port", port, "weight", weight)));
            rendered.put("backendRefs", backends);
            rules.add(rendered);
        }
        return rules;
    }

    @Override
    public Map<String, Object> ownedExtras(String bot) {
        Map<String, Object> extras = new LinkedHashMap<>();
        List<Object> parents = new ArrayList<>();
        for (ParentReference p : settings.parentRefs) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("group", p.group == null ? "gateway.networking.k8s.io" : p.group);
            ref.put("kind", p.kind == null ? "Gateway" : p.kind);
            ref.put("name", p.name);
            putIfSet(ref, "namespace", p.namespace);
            putIfSet(ref, "sectionName", p.sectionName);
            putIfSet(ref, "port", p.port);
            parents.add(ref);
        }
        extras.put("parentRefs", parents);
        if (settings.hostnames != null && !settings.hostnames.isEmpty()) {
            extras.put("hostnames", settings.hostnames.stream().map(h -> RouteNames.of(h, bot)).toList());
        }
        return extras;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public RouteTable read(GenericKubernetesResource live) {
        List<RouteTable.Rule> rules = new ArrayList<>();
        for (Map<?, ?> rule : RouteFields.maps(RouteFields.spec(live).get("rules"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            List<Map<?, ?>> matches = RouteFields.maps(rule.get("matches"));
            if (!matches.isEmpty()) {
                RouteFields.maps(matches.get(0).get("headers"))
                        .forEach(h -> headers.put(String.valueOf(h.get("name")), String.valueOf(h.get("value"))));
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            RouteFields.maps(rule.get("backendRefs")).forEach(b -> weights.put(String.valueOf(b.get("name")),
                    b.get("weight") instanceof Number n ? n.intValue() : 1));
            rules.add(new RouteTable.Rule(headers, weights));
        }
        return new RouteTable(rules);
    }
}
