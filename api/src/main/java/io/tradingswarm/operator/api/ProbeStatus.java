package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The measurements of one probe in the current run (or analysis window). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeStatus {
    public String name;
    @JsonPropertyDescription("Running, Passed, Failed or Inconclusive.")
    public String phase;
    public Double lastValue;
    public int successes;
    public int failures;
    public int errors;
    public int consecutiveErrors;
    public String lastMeasuredAt;
    @JsonPropertyDescription("The verdict of the latest measurement: Pass, Fail, NoData or Error. Only a Pass lets the run move forward.")
    public String lastVerdict;
    public String message;
    @JsonPropertyDescription("True for a dryRun probe: shown, never decides.")
    public Boolean dryRun;
}
