package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A handover in progress: a slot stopped trading something, and the other waits for the drain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrainStatus {
    @JsonPropertyDescription("a or b: the slot that stopped trading (it may trade again at once; the other waits). Absent when both stopped.")
    public String from;
    @JsonPropertyDescription("The versions that stopped trading (the drain probe's {{drainingVersion}}).")
    public List<String> versions;
    @JsonPropertyDescription("When the gate in the cluster first showed the stop; absent until then. The drain ends spec.trading.drainTimeout later, or at the drain probe's first pass after it.")
    public String startedAt;
    @JsonPropertyDescription("spec.trading.drainProbe's latest measurement for this drain.")
    public DrainProbeStatus probe;

    /** The drain probe's latest word on this drain. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DrainProbeStatus {
        public String name;
        @JsonPropertyDescription("Pass, Fail, NoData or Error.")
        public String lastVerdict;
        public String lastMeasuredAt;
        public Double lastValue;
        public String message;
        @JsonPropertyDescription("Measurements taken for this drain.")
        public int measurements;
        @JsonPropertyDescription("True once drainTimeout passed without a pass (a DrainOverdue event says so).")
        public Boolean overdue;
    }
}
