package io.tradingswarm.operator.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.dependent.BotServiceResource;
import io.tradingswarm.operator.routing.Router;

/** A router needs bots with Services, one route per bot, and Service names no two bots share. */
final class RoutingChecks {
    private RoutingChecks() {
    }

    static void validate(List<String> errors, SwarmReleaseSpec spec) {
        Router router = Router.of(spec.strategy.canary == null ? null : spec.strategy.canary.trafficRouting);
        if (router == null) {
            return;
        }
        List<Bot> routed = spec.bots.stream().filter(b -> b.service != null).toList();
        if (routed.isEmpty()) {
            errors.add(router.field() + ": no bot has a service to route; give the bots a service or remove trafficRouting");
            return;
        }
        if (routed.size() > 1 && routed.stream().map(b -> router.name(b.name)).distinct().count() < routed.size()) {
            errors.add(router.field() + "." + router.nameSetting() + ": '" + router.nameTemplate() + "' names one route for "
                    + routed.size() + " bots; put {{bot}} in it");
        }
        for (int i = 0; i < spec.bots.size(); i++) {
            String name = spec.bots.get(i).name;
            Set<String> others = routed.stream().filter(b -> !b.name.equals(name))
                    .flatMap(b -> BotServiceResource.names(b.name).stream()).collect(Collectors.toSet());
            if (others.contains(name)) {
                errors.add("spec.bots[" + i + "].name: " + name + " is also the name of another bot's per-slot or preview "
                        + "Service; rename the bot");
            }
        }
    }
}
