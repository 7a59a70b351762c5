package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** How the trading gate hands a bot's book from one slot to the other (docs/trading-gate.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TradingSettings {
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("After a blue-green slot stops trading, how long before the other slot of its bots may start: it covers the kubelet's refresh of the mounted gate file (up to about 90 s). Default 90s; 0s hands over as soon as the stop is written.")
    public String drainTimeout;
}
