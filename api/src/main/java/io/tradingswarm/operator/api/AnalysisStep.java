package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Measure probes for a window at the current weight; any failure rolls back. */
public class AnalysisStep {
    @Required
    @Size(min = 1, max = 20)
    @JsonPropertyDescription("Names of spec.probes to run during the window.")
    public List<@Size(max = 63) String> probes;

    @Required
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long the window lasts; it passes when it is over and every probe has passed at least once.")
    public String duration;
}
