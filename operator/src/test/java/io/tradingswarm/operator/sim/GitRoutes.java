package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.api.TrafficRouting;

/**
 * The routes of a release on the model's terms: which kind, which name per bot, and for a release that
 * weighs the user's own routes (no parentRefs, no hosts) the route as Git has it, which Argo CD keeps in
 * the cluster (it re-creates one that a hand deleted at once). Git's route sends everything to the bot's
 * own Service; the operator takes its rules over.
 */
final class GitRoutes {
    private GitRoutes() {
    }

    static String kind(TrafficRouting routing) {
        return routing.gatewayAPI != null ? RouteRules.HTTP_ROUTE : RouteRules.VIRTUAL_SERVICE;
    }

    static String apiVersion(TrafficRouting routing) {
        return routing.gatewayAPI != null ? "gateway.networking.k8s.io/v1" : "networking.istio.io/v1";
    }

    /** The route of {@code bot}: the template with {{bot}} replaced, or the bot's name. */
    static String name(TrafficRouting routing, String bot) {
        String template = routing.gatewayAPI != null ? routing.gatewayAPI.httpRoute : routing.istio.virtualService;
        return (template == null ? "{{bot}}" : template).replace("{{bot}}", bot);
    }

    /** The operator creates (and owns) the routes. */
    static boolean operatorCreates(TrafficRouting routing) {
        return routing.gatewayAPI != null ? routing.gatewayAPI.parentRefs != null && !routing.gatewayAPI.parentRefs.isEmpty()
                : routing.istio.hosts != null && !routing.istio.hosts.isEmpty();
    }

    static TrafficRouting of(SwarmReleaseSpec spec) {
        return spec.strategy.canary == null ? null : spec.strategy.canary.trafficRouting;
    }

    /** Argo CD: every bot with a Service has its user route; returns what was created. */
    static List<String> sync(ModelCluster cluster, SwarmReleaseSpec spec) {
        TrafficRouting routing = of(spec);
        List<String> created = new ArrayList<>();
        if (routing == null || operatorCreates(routing)) {
            return created;
        }
        for (Bot bot : spec.bots) {
            String name = name(routing, bot.name);
            if (bot.service != null && cluster.syncUserRoute(name, apiVersion(routing), kind(routing), fields(routing, bot.name))) {
                created.add(name);
            }
        }
        return created;
    }

    private static Map<String, Object> fields(TrafficRouting routing, String bot) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (routing.gatewayAPI != null) {
            fields.put("parentRefs", List.of(Map.of("name", "public")));
            fields.put("rules", List.of(Map.of("backendRefs", List.of(Map.of("name", bot, "port", SpecFactory.PORT)))));
        } else {
            fields.put("hosts", List.of(bot));
            fields.put("http", List.of(Map.of("route", List.of(Map.of("destination", Map.of("host", bot))))));
        }
        return fields;
    }
}
