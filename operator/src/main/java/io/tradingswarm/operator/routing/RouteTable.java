package io.tradingswarm.operator.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.planner.RouteIntent;

/**
 * What a bot's route does, in a router's own terms stripped away: its rules in order, each with the
 * headers it requires and the weight per backend Service. Desired and live routes compare as tables,
 * so defaults the API server fills in never count as a difference.
 */
public record RouteTable(List<Rule> rules) {

    /** @param headers the headers a request must carry (none: every request); @param weights weight per Service name */
    public record Rule(Map<String, String> headers, Map<String, Integer> weights) {
    }

    /** The header rule first (all to the new slot), then the weighted rule for every other request. */
    public static RouteTable of(RouteIntent intent) {
        String stable = SlotServices.name(intent.bot(), intent.stable());
        String fresh = SlotServices.name(intent.bot(), intent.newSlot());
        List<Rule> rules = new ArrayList<>();
        if (!intent.headerRoute().isEmpty()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (HeaderMatch m : intent.headerRoute()) {
                headers.put(m.name, m.value);
            }
            rules.add(new Rule(headers, Map.of(fresh, 100)));
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(stable, 100 - intent.newWeight());
        weights.put(fresh, intent.newWeight());
        rules.add(new Rule(Map.of(), weights));
        return new RouteTable(List.copyOf(rules));
    }
}
