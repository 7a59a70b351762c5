package io.tradingswarm.operator.planner;

import java.util.List;
import java.util.Map;

import io.tradingswarm.operator.api.TradingState;

/**
 * The trading gate as the cluster shows it.
 *
 * @param states every slot's state by slot Deployment name
 * @param shards the shards each slot of a bot with shards trades, by slot Deployment name
 * @param versions the version each slot Deployment runs, by its name (a slot without pods has none)
 */
public record GateView(Map<String, TradingState> states, Map<String, List<String>> shards, Map<String, String> versions) {
    public static final GateView NONE = new GateView(Map.of(), Map.of(), Map.of());

    public GateView {
        states = Map.copyOf(states);
        shards = Map.copyOf(shards);
        versions = Map.copyOf(versions);
    }
}
