package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A blue-green handover in progress: one slot stopped trading, the other waits for the drain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrainStatus {
    @JsonPropertyDescription("a or b: the slot that stopped trading (it may trade again at once; the other waits).")
    public String from;
    @JsonPropertyDescription("When the gate in the cluster first showed it stopped; absent until then. The drain ends spec.trading.drainTimeout later.")
    public String startedAt;
}
