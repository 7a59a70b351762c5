package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * Blue-green: the new version comes up beside the old one at full size behind a preview Service,
 * is checked, takes all traffic at once, and is watched; the old slot keeps its pods for an
 * instant switch back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlueGreenStrategy {
    @Default("true")
    @JsonPropertyDescription("false: wait for the promote action after the pre-promotion analysis.")
    public Boolean autoPromote;

    @JsonPropertyDescription("Probes run against the preview before the switch; a failure stops the release before any traffic moves.")
    public AnalysisStep prePromotionAnalysis;

    @JsonPropertyDescription("The monitor window after the switch; a failure switches every bot back.")
    public AnalysisStep postPromotionAnalysis;

    @Pattern(Durations.PATTERN)
    @Default("10m")
    @JsonPropertyDescription("How long the old slot keeps its pods after a successful switch (instant rollback).")
    public String scaleDownDelay;
}
