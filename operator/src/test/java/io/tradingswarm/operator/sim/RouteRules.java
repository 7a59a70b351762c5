package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route does with requests, read from its spec on the model's own terms (the operator's
 * RouteTable and routers are what the simulation checks, so it never uses them): each rule with the
 * exact headers it requires and its weight per backend Service, as a gateway or Istio would read them.
 *
 * <p>An HTTPRoute: {@code spec.rules[].matches[].headers[]} ({@code type} Exact, the default) and
 * {@code backendRefs[]} whose {@code weight} defaults to 1; among the rules a request matches, the one
 * with the most header matches wins, then the first. A VirtualService: {@code spec.http[].match[].headers}
 * ({@code exact}) and {@code route[].destination.host}; a lone destination takes everything, others
 * without a weight get none; the first rule that matches wins.
 */
record RouteRules(String kind, List<Rule> rules) {
    static final String HTTP_ROUTE = "HTTPRoute";
    static final String VIRTUAL_SERVICE = "VirtualService";

    /** @param headers what a request must carry (empty: every request); @param weights weight per backend Service, summed per name */
    record Rule(Map<String, String> headers, Map<String, Integer> weights) {
        int total() {
            return weights.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The weight on {@code service}, 0 if it is no backend. */
        int weightOf(String service) {
            return weights.getOrDefault(service, 0);
        }
    }

    static RouteRules read(String kind, Object spec) {
        Map<?, ?> s = spec instanceof Map<?, ?> m ? m : Map.of();
        List<Rule> rules = new ArrayList<>();
        if (HTTP_ROUTE.equals(kind)) {
            for (Map<?, ?> rule : maps(s.get("rules"))) {
                Map<String, String> headers = new LinkedHashMap<>();
                List<Map<?, ?>> matches = maps(rule.get("matches"));
                if (!matches.isEmpty()) {
                    for (Map<?, ?> h : maps(matches.get(0).get("headers"))) {
                        Object type = h.get("type");
                        headers.put(String.valueOf(h.get("name")), (type == null || "Exact".equals(type) ? "" : "~") + h.get("value"));
                    }
                }
                Map<String, Integer> weights = new LinkedHashMap<>();
                for (Map<?, ?> b : maps(rule.get("backendRefs"))) {
                    int weight = b.get("weight") instanceof Number n ? n.intValue() : 1;
                    weights.merge(String.valueOf(b.get("name")), weight, Integer::sum);
                }
                rules.add(new Rule(headers, weights));
            }
        } else if (VIRTUAL_SERVICE.equals(kind)) {
            for (Map<?, ?> rule : maps(s.get("http"))) {
                Map<String, String> headers = new LinkedHashMap<>();
                List<Map<?, ?>> matches = maps(rule.get("match"));
                if (!matches.isEmpty() && matches.get(0).get("headers") instanceof Map<?, ?> h) {
                    h.forEach((name, how) -> headers.put(String.valueOf(name),
                            how instanceof Map<?, ?> m && m.containsKey("exact") ? String.valueOf(m.get("exact")) : "~" + how));
                }
                List<Map<?, ?>> destinations = maps(rule.get("route"));
                Map<String, Integer> weights = new LinkedHashMap<>();
                for (Map<?, ?> r : destinations) {
                    Object host = r.get("destination") instanceof Map<?, ?> d ? d.get("host") : null;
                    int weight = r.get("weight") instanceof Number n ? n.intValue() : destinations.size() == 1 ? 100 : 0;
                    weights.merge(String.valueOf(host), weight, Integer::sum);
                }
                rules.add(new Rule(headers, weights));
            }
        } else {
            throw new IllegalArgumentException("the model reads no " + kind);
        }
        return new RouteRules(kind, List.copyOf(rules));
    }

    private static List<Map<?, ?>> maps(Object list) {
        return list instanceof List<?> items ? items.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList()
                : List.of();
    }

    /** The rule a request carrying {@code carried} (and nothing else) takes, or null: it matches no rule (404). */
    Rule taken(Map<String, String> carried) {
        Rule best = null;
        for (Rule r : rules) {
            if (!carried.entrySet().containsAll(r.headers.entrySet())) {
                continue;
            }
            if (VIRTUAL_SERVICE.equals(kind)) {
                return r;
            }
            if (best == null || r.headers.size() > best.headers.size()) {
                best = r;
            }
        }
        return best;
    }

    /** Where a request without special headers goes. */
    Rule plain() {
        return taken(Map.of());
    }

    /** Per header rule, where requests carrying exactly its headers go (a rule before it may take them). */
    List<Rule> headerRoutes() {
        return rules.stream().filter(r -> !r.headers.isEmpty()).map(r -> taken(r.headers)).toList();
    }

    /** Any rule with header matches. */
    boolean hasHeaderRule() {
        return rules.stream().anyMatch(r -> !r.headers.isEmpty());
    }

    /** Short text for the trace: each rule's headers and weights. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (Rule r : rules) {
            parts.add((r.headers.isEmpty() ? "" : r.headers + " ") + r.weights);
        }
        return String.join(" | ", parts);
    }
}
