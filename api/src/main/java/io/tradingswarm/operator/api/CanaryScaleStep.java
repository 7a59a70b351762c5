package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** With a router: at least this many new pods from this step on, whatever the weight. */
public class CanaryScaleStep {
    @Required
    @Min(0)
    @JsonPropertyDescription("The fewest pods the new slot runs from this step to the end of the run; "
            + "it never runs fewer than its traffic share needs.")
    public Integer replicas;
}
