package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How the trading gate hands a bot's book from one slot to the other (docs/trading-gate.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TradingSettings {
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("After a slot stops trading (a blue-green switch, a shard leaving), how long before the other slot may start: it covers the kubelet's refresh of the mounted gate file (up to about 90 s). With a drainProbe, how long the probe has to pass. Default 90s; 0s hands over as soon as the stop is written (without a drainProbe).")
    public String drainTimeout;

    @Size(max = 63)
    @JsonPropertyDescription("A probe of spec.probes (any kind) that says the slots that stopped have drained, e.g. their open orders are 0; {{drainingVersion}} is the version that stopped. The drain ends at its first pass measured after the stop showed in the gate. Not passed within drainTimeout: a run in flight rolls back (DrainFailed) and the other slot keeps waiting for a pass.")
    public String drainProbe;
}
