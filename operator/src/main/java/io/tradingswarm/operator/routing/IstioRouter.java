package io.tradingswarm.operator.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tradingswarm.operator.api.RouteNames;
import io.tradingswarm.operator.api.IstioRouting;

/**
 * Weights as the destinations of a VirtualService's http route (networking.istio.io/v1); header
 * routes as an http {@code match}. Destinations are the per-slot Services, not DestinationRule
 * subsets: the same Services serve Gateway API and the probes, and there is no second object to own.
 */
record IstioRouter(IstioRouting settings) implements Router {

    @Override
    public String apiVersion() {
        return "networking.istio.io/v1";
    }

    @Override
    public String kind() {
        return "VirtualService";
    }

    @Override
    public String plural() {
        return "virtualservices";
    }

    @Override
    public String rulesField() {
        return "http";
    }

    @Override
    public String nameTemplate() {
        return settings.virtualService;
    }

    @Override
    public String field() {
        return "spec.strategy.canary.trafficRouting.istio";
    }

    @Override
    public String nameSetting() {
        return "virtualService";
    }

    @Override
    public String createSetting() {
        return "hosts";
    }

    @Override
    public boolean createsRoute() {
        return settings.hosts != null && !settings.hosts.isEmpty();
    }

    @Override
    public List<Object> rules(RouteTable table, int port) {
        List<Object> http = new ArrayList<>();
        for (RouteTable.Rule rule : table.rules()) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            if (!rule.headers().isEmpty()) {
                Map<String, Object> headers = new LinkedHashMap<>();
                rule.headers().forEach((name, value) -> headers.put(name, Map.of("exact", value)));
                rendered.put("match", List.of(Map.of("headers", headers)));
            }
            List<Object> route = new ArrayList<>();
            rule.weights().forEach((service, weight) -> route.add(Map.of(
                    "destination", Map.of("host", service, "port", Map.of("number", port)), "weight", weight)));
            rendered.put("route", route);
            http.add(rendered);
        }
        return http;
    }

    @Override
    public Map<String, Object> ownedExtras(String bot) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("hosts", settings.hosts.stream().map(h -> RouteNames.of(h, bot)).toList());
        if (settings.gateways != null && !settings.gateways.isEmpty()) {
            extras.put("gateways", List.copyOf(settings.gateways));
        }
        return extras;
    }

    @Override
    public RouteTable read(GenericKubernetesResource live) {
        List<RouteTable.Rule> rules = new ArrayList<>();
        for (Map<?, ?> rule : RouteFields.maps(RouteFields.spec(live).get("http"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            List<Map<?, ?>> matches = RouteFields.maps(rule.get("match"));
            if (!matches.isEmpty() && matches.get(0).get("headers") instanceof Map<?, ?> h) {
                h.forEach((name, match) -> headers.put(String.valueOf(name),
                        String.valueOf(match instanceof Map<?, ?> m ? m.get("exact") : null)));
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (Map<?, ?> r : RouteFields.maps(rule.get("route"))) {
                Object host = r.get("destination") instanceof Map<?, ?> d ? d.get("host") : null;
                weights.put(String.valueOf(host), r.get("weight") instanceof Number n ? n.intValue() : 100);
            }
            rules.add(new RouteTable.Rule(headers, weights));
        }
        return new RouteTable(rules);
    }
}
